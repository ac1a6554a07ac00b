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
function clean(text: string): string {
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
    sender,
    wrappedLines([doc.dateLine]),
    wrappedLines(doc.recipientLines),
    wrappedLines([doc.reference, doc.subjectLine]),
    bodyLines(doc.body),
    signature,
    ccLines(doc.ccLabel, doc.cc),
  ].filter((section) => section.length > 0);
  // Sections are separated by one blank line; the signature adds its own on top of that.
  const lines = sections.flatMap((section, index) => (index === 0 ? section : ['', ...section]));
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}
