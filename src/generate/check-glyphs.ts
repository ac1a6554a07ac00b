import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { PlannedLetter } from '../plan/planned-letter.js';
import { senderAddressLines } from '../compose/address-lines.js';
import type { GenerateOptions } from './generate-options.js';
import { glyphDiagnostics } from './glyph-diagnostics.js';
import type { PreparedAction } from './prepare-actions.js';

/**
 * Finds characters the PDF fonts cannot draw before anything is rendered: one letter per language
 * and recipient is composed and checked, and each signer's own text separately, so a batch of
 * thousands costs a few compositions rather than thousands.
 */
export async function checkGlyphs(
  action: PreparedAction,
  options: GenerateOptions,
  compose: (letter: PlannedLetter, all: readonly PlannedLetter[]) => Promise<{ doc: LetterDocument }>,
): Promise<Diagnostic[]> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { findMissingGlyphsInLetter } = await import('../render/glyph-coverage.js');
  const seen = new Set<string>();
  const missing = new Set<string>();
  let fontName = '';
  for (const letter of action.letters) {
    const key = `${letter.language}|${letter.kind}|${letter.recipientPath.join('.')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { doc } = await compose(letter, action.letters);
    const fonts = loadFontSet(options.fonts ?? {}, letter.language);
    fontName = fonts.regular.font.postscriptName ?? fonts.regular.path;
    for (const ch of findMissingGlyphsInLetter(doc, fonts)) missing.add(ch);
  }
  return missing.size > 0 ? glyphDiagnostics([...missing], action.source, options.sender, fontName) : [];
}

/** Finds characters in the signers' names and addresses that the PDF fonts cannot draw, by row. */
export async function checkSignerGlyphs(options: GenerateOptions): Promise<Diagnostic[]> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { findMissingGlyphs, describeCharacter } = await import('../render/glyph-coverage.js');
  const fonts = loadFontSet(options.fonts ?? {});
  const fontName = fonts.regular.font.postscriptName ?? fonts.regular.path;
  const diagnostics: Diagnostic[] = [];
  for (const signer of options.signers ?? []) {
    const chars = findMissingGlyphs(senderAddressLines(signer.sender).join('\n'), fonts.regular.font);
    if (chars.length === 0) continue;
    diagnostics.push({
      code: 'glyph/missing',
      severity: 'error',
      message: `row ${signer.row}: the font ${fontName} cannot draw ${chars.slice(0, 5).map(describeCharacter).join(', ')}; pass --font FILE with a TTF/OTF font that covers them`,
      file: options.signersFile ?? 'signers',
      line: signer.line,
      column: 1,
      path: `rows[${signer.row}]`,
    });
  }
  return diagnostics;
}
