import type { Block, LetterDocument, TextRun } from '../letter/letter-document.js';
import { displayWidth, wrapText } from './wrap-text.js';

/** Columns of a plain-text letter: fits an email or a terminal and prints on A4 and Letter paper. */
export const TEXT_LINE_WIDTH = 72;

// A name, a street and a town, for a sender who writes the address by hand.
const HANDWRITTEN_ADDRESS_LINES = 3;
const WRITE_IN_LINE = '_'.repeat(36);
// Room for a hand signature between the complimentary close and the printed name.
const SIGNATURE_BLANK_LINES = 3;

// Plain text keeps no soft hyphens (they would show, or split a word in two when copied), no carriage
// returns and no other control characters; tabs become spaces.
const NEEDS_CLEANING = /[\u00ad\u0000-\u0009\u000b-\u001f\u007f]/;

function clean(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u00ad\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

function wrapped(text: string, first = '', rest = first): string[] {
  return wrapText(clean(text), TEXT_LINE_WIDTH, { first, rest });
}

function wrappedLines(lines: readonly string[]): string[] {
  return lines.filter((line) => line.trim() !== '').flatMap((line) => wrapped(line));
}

// Bold and italic have no plain-text form that reads well everywhere, so they are dropped.
function runsText(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

function blockLines(block: Block): string[] {
  if (block.type === 'paragraph') return wrapped(runsText(block.runs));
  return block.items.flatMap((item) => wrapped(runsText(item), '- ', '  '));
}

function bodyLines(body: readonly Block[]): string[] {
  return body.flatMap((block, index) => (index === 0 ? blockLines(block) : ['', ...blockLines(block)]));
}

function ccLines(label: string, entries: readonly string[]): string[] {
  const visible = entries.filter((entry) => entry.trim() !== '');
  if (visible.length === 0) return [];
  const cleanLabel = clean(label).trim();
  // Later entries line up under the first, after the label.
  const indent = cleanLabel === '' ? '' : ' '.repeat(displayWidth(cleanLabel) + 1);
  return visible.flatMap((entry, index) =>
    index === 0 && cleanLabel !== '' ? wrapped(`${cleanLabel} ${entry}`, '', indent) : wrapped(entry, indent),
  );
}

// A batch's letters to one recipient share the recipient's address, the body and the copies, and
// composeLetter hands them out frozen (see compose-letter.ts): their laid-out text is kept per
// array, so each letter lays out only its own sender, date and signature. Text derived from an
// array that is not frozen (one a caller built and may change) is laid out every time.
const laidOut = new WeakMap<object, Map<string, string | null>>();

// A section's lines as text, or null for a section with no lines (left out of the letter).
function sectionText(lines: readonly string[]): string | null {
  return lines.length === 0 ? null : lines.map((line) => line.trimEnd()).join('\n');
}

function memoized(key: readonly unknown[], variant: string, layOut: () => string[]): string | null {
  if (!Object.isFrozen(key)) return sectionText(layOut());
  let variants = laidOut.get(key);
  if (!variants) laidOut.set(key, (variants = new Map()));
  else if (variants.size >= 16) variants.clear();
  let text = variants.get(variant);
  if (text === undefined) {
    text = sectionText(layOut());
    variants.set(variant, text);
  }
  return text;
}

/** Lays out a letter as plain UTF-8 text: 72 columns, LF line endings, ending with one newline. */
export function renderText(doc: LetterDocument): string {
  const sender =
    doc.senderLines === null
      ? Array<string>(HANDWRITTEN_ADDRESS_LINES).fill(WRITE_IN_LINE)
      : wrappedLines(doc.senderLines);
  const signature = [
    ...Array<string>(SIGNATURE_BLANK_LINES - 1).fill(''),
    ...(doc.signatureName === null ? [WRITE_IN_LINE] : wrapped(doc.signatureName)),
  ];
  const sections = [
    sectionText(sender),
    sectionText(wrappedLines([doc.dateLine])),
    memoized(doc.recipientLines, '', () => wrappedLines(doc.recipientLines)),
    sectionText(wrappedLines([doc.reference, doc.subjectLine])),
    memoized(doc.body, '', () => bodyLines(doc.body)),
    sectionText(signature),
    memoized(doc.cc, doc.ccLabel, () => ccLines(doc.ccLabel, doc.cc)),
  ];
  // Sections are separated by one blank line; the signature adds its own on top of that.
  return `${sections.filter((text) => text !== null).join('\n\n')}\n`;
}
