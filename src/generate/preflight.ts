import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { UaError } from '../diagnostics/ua-error.js';
import type { Paper } from '../compose/paper-size.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { LetterList, PlannedLetter } from '../plan/planned-letter.js';
import { senderAddressLines } from '../compose/address-lines.js';
import type { GenerateOptions } from './generate-options.js';
import { describeCharacter, glyphDiagnostics } from './glyph-diagnostics.js';
import type { PreparedAction } from './prepare-actions.js';

/** What the preflight of an action found, and the letters it rendered on the way. */
export interface Preflight {
  readonly problems: Diagnostic[];
  /**
   * The PDF of each letter rendered to check it, as the run renders it (same paper, fonts, date and
   * alphabet), by its basePath: the run writes these bytes rather than render the letter again.
   * Without signers that is every letter, so the PDFs of a single action are each rendered once.
   * Empty when the run writes no PDF or fax of its own letters (a print file only): their layout
   * is checked without rendering them.
   */
  readonly rendered: Map<string, Uint8Array>;
}

/**
 * Finds, before anything is written, what would stop an action's PDFs: characters the fonts cannot
 * draw, and letters the renderer refuses (an address too long for the envelope window). One letter
 * per language and recipient is composed, checked and rendered, and each signer's own text is
 * checked separately, so a batch of thousands costs a few renders rather than thousands.
 */
export async function preflightAction(
  action: PreparedAction,
  options: GenerateOptions,
  compose: (letter: PlannedLetter, all: LetterList) => Promise<{ doc: LetterDocument }>,
  paper: Paper,
  alphabet = '',
): Promise<Preflight> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { findMissingGlyphsInLetter } = await import('../render/glyph-coverage.js');
  const { checkLetterFits, renderPdf } = await import('../render/render-pdf.js');
  // A print file draws letters itself: rendering them here (subsetting the fonts, compressing)
  // would only be thrown away, and a tenth of a second before the first page of a print run.
  const render = options.formats.includes('pdf') || options.formats.includes('fax');
  const missing = new Set<string>();
  const refused: Diagnostic[] = [];
  const rendered = new Map<string, Uint8Array>();
  let fontName = '';
  // A span's letters differ only in their signer, whose own text is checked by checkSignerGlyphs.
  for (const { first: letter } of action.letters.spans) {
    const { doc } = await compose(letter, action.letters);
    const fonts = loadFontSet(options.fonts ?? {}, letter.language);
    fontName = fonts.regular.font.postscriptName ?? fonts.regular.path;
    const lacking = findMissingGlyphsInLetter(doc, fonts);
    for (const ch of lacking) missing.add(ch);
    if (lacking.length > 0) continue;
    try {
      // With the run's alphabet, this also makes the font subsets the run's letters will reuse.
      if (render) rendered.set(letter.basePath, await renderPdf(doc, { paper, fonts, date: new Date(`${options.date}T00:00:00Z`), alphabet }));
      else checkLetterFits(doc, { paper, fonts });
    } catch (error) {
      if (!(error instanceof UaError)) throw error;
      const at = letter.recipientPath.length > 0 ? { ...action.source.sourceMap.valueAt(letter.recipientPath), path: formatPath(letter.recipientPath) } : { line: 0, column: 0, path: '' };
      refused.push({ code: error.code, severity: 'error', message: error.message, file: action.source.file, ...at });
    }
  }
  return { problems: [...(missing.size > 0 ? glyphDiagnostics([...missing], action.source, options.sender, fontName) : []), ...refused], rendered };
}

/** Finds characters in the signers' names and addresses that the PDF fonts cannot draw, by row. */
export async function checkSignerGlyphs(options: GenerateOptions): Promise<Diagnostic[]> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { findMissingGlyphs } = await import('../render/glyph-coverage.js');
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
