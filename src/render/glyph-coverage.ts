// Which characters of a letter a font cannot draw, so a letter is refused instead of being
// printed with empty boxes where a name should be.
import type { LetterDocument, TextRun } from '../letter/letter-document.js';
import { fontStyleOf, type FontkitFont, type FontSet, type FontStyle } from './fonts.js';

// Whitespace is laid out as spacing, and default-ignorable characters (soft hyphen, ZWJ,
// bidi marks, variation selectors) are hidden by fontkit, so neither needs a glyph.
const NEEDS_NO_GLYPH = /[\s\p{Default_Ignorable_Code_Point}]/u;

// Lists the distinct characters of `text` the font has no glyph for, in order of appearance.
export function findMissingGlyphs(text: string, font: FontkitFont): string[] {
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    if (NEEDS_NO_GLYPH.test(ch)) continue;
    const codePoint = ch.codePointAt(0);
    if (codePoint !== undefined && !font.hasGlyphForCodePoint(codePoint)) missing.add(ch);
  }
  return [...missing];
}

// The texts of a letter by the style renderPdf sets them in (bold and italic faces often cover
// fewer characters than the regular one).
export function textsByStyle(doc: LetterDocument): Record<FontStyle, string[]> {
  const texts: Record<FontStyle, string[]> = { regular: [], bold: [], italic: [], boldItalic: [] };
  texts.regular.push(
    ...(doc.senderLines ?? []),
    doc.returnAddress,
    doc.dateLine,
    ...doc.recipientLines,
    doc.recipientShort,
    doc.reference,
    doc.signatureName ?? '',
    doc.ccLabel,
    ...doc.cc,
    doc.pageLabel,
    // What renderPdf itself adds: page numbers, the list bullet, the ellipsis of a cut line.
    '0123456789•…',
  );
  texts.bold.push(doc.subjectLine);
  const addRuns = (runs: readonly TextRun[]): void => {
    for (const run of runs) texts[fontStyleOf(run)].push(run.text);
  };
  for (const block of doc.body) {
    if (block.type === 'paragraph') addRuns(block.runs);
    else block.items.forEach(addRuns);
  }
  return texts;
}

// Lists the characters of a letter its PDF fonts cannot draw, checking each text against the
// style renderPdf sets it in.
export function findMissingGlyphsInLetter(doc: LetterDocument, fonts: FontSet): string[] {
  const texts = textsByStyle(doc);
  const missing = new Set<string>();
  for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    for (const ch of findMissingGlyphs(texts[style].join('\n'), fonts[style].font)) missing.add(ch);
  }
  return [...missing];
}
