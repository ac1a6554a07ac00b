// Drawing one unbroken piece of text with pdfkit, and drawing it again cheaply: letters repeat
// their lines word for word (from letter to letter of a print file, and from file to file of a
// batch), and shaping and encoding a line is most of the time of drawing it. What pdfkit writes
// for a line depends on the page only through the text matrix (where the line starts), and on
// the document only through the numbers its font subset gives the glyphs, so the rest is kept
// and written again wherever the glyphs have the same numbers.
import type { FontStyle } from './fonts.js';
import { fontName, mapRightToLeftLigatures, type Pdf } from './pdf-document.js';

/** The pdfkit internals drawText relies on (pdfkit 0.8 to 0.20). */
interface PdfkitText {
  _fragment?: (text: string, x: number, y: number, options: object) => void;
  readonly _font?: PdfkitFont;
  readonly page?: {
    readonly height?: unknown;
    readonly fonts?: Record<string, unknown>;
    readonly content?: { readonly buffer?: unknown };
  };
}

/** An embedded font of a document (EmbeddedFont): what its encode() reads and writes. */
interface PdfkitFont {
  readonly id?: unknown;
  readonly font?: object;
  readonly subset?: { includeGlyph?: (glyph: number) => number };
  readonly widths?: unknown;
  readonly unicode?: unknown;
  readonly scale?: unknown;
  ref?: () => unknown;
  layout?: (text: string) => { readonly glyphs?: readonly Glyph[] };
  encode?: (text: string) => unknown;
}

interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/**
 * A piece as pdfkit drew it: its glyphs (font numbers, widths as encode() records them, and
 * characters), the numbers the subset gave them, the lines written. Kept as numbers rather than
 * fontkit's glyph objects, which hold far more.
 */
interface DrawnRun {
  readonly glyphIds: Uint32Array;
  readonly widths: Float64Array;
  readonly codePoints: readonly (readonly number[])[];
  readonly subsetIds: Uint32Array;
  /** The lines after the text matrix ("/F1 11 Tf", the TJ arrays, "ET", "Q"). */
  readonly lines: Uint8Array;
  /** The document font (fontNumber) whose subset was last found to number the glyphs so. */
  numberedIn: number;
}

// Drawn pieces by fontkit font, then by font name, size and text; null where pdfkit moved single
// glyphs (combining marks) with text matrices of their own, and the piece is drawn by pdfkit every
// time. A piece is kept once it is drawn in a second letter (see beginLetter): a signer's name is
// drawn twice in each of their letters (address and signature) and never again, and kept, the
// names of a batch filled the map (some 3 KB a piece, 6 MB in all) and pushed out the lines every
// letter repeats. Both maps are renewed when full, which bounds them in a batch of any length.
const drawnRuns = new WeakMap<object, Map<string, DrawnRun | null>>();
// Pieces drawn in one letter so far, with the number of that letter.
const drawnOnce = new WeakMap<object, Map<string, number>>();
const DRAWN_RUNS_LIMIT = 2000;

let lettersBegun = 0;

/** Marks the start of a letter: pieces are kept for drawing again once a second letter draws them. */
export function beginLetter(): void {
  lettersBegun += 1;
}

// Document fonts by number: a drawn piece outlives its document, and must not keep it alive.
const fontNumbers = new WeakMap<PdfkitFont, number>();
let fontsNumbered = 0;

function fontNumber(font: PdfkitFont): number {
  let number = fontNumbers.get(font);
  if (number === undefined) fontNumbers.set(font, (number = ++fontsNumbered));
  return number;
}

// Numbers as pdfkit writes them into content streams (PDFObject.number).
function pdfNumber(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// The lines pdfkit writes for a piece of text up to its text matrix: a saved graphics state,
// the page flipped to top-down coordinates, the text object and where it starts.
function textOpening(pageHeight: number, x: number, baseline: number): string {
  return `q\n1 0 0 -1 0 ${pdfNumber(pageHeight)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(pageHeight - baseline)} Tm`;
}

// What of pdfkit's lines (`written`) can be written again for the same text: the lines after
// the opening, if the opening is what textOpening makes and no glyph got a matrix of its own.
function repeatableLines(written: readonly string[], opening: string): Uint8Array | null {
  const last = written.length - 1;
  if (last < 6 || written.slice(0, 4).join('\n') !== opening) return null;
  if (written[last] !== 'Q' || written[last - 1] !== 'ET') return null;
  const run = written.slice(4);
  if (run.some((line) => line.endsWith(' Tm'))) return null;
  // Copied out of Node's pool: a Buffer this small is a slice of an 8 KB one, which a kept piece
  // would keep alive whole.
  return new Uint8Array(Buffer.from(`${run.join('\n')}\n`, 'latin1'));
}

// Does in `font` what pdfkit's encode() does for the glyphs of a piece drawn before (each glyph
// into the subset, its width and characters recorded on first use), and tells whether the subset
// numbered them as in the document the piece was first drawn in. If not, encode() redoes the same
// steps with the same result, so nothing differs from a document drawn by pdfkit alone.
function encodeAgain(font: PdfkitFont, run: DrawnRun): boolean {
  if (!encodedBefore.has(font)) {
    // encode() may have been made to start the subset first (startLetterSubsets): encoding
    // nothing does that, and nothing else.
    encodedBefore.add(font);
    font.encode?.('');
  }
  const include = font.subset?.includeGlyph;
  const widths = font.widths as (number | undefined)[];
  const unicode = font.unicode as (readonly number[] | undefined)[];
  for (let i = 0; i < run.glyphIds.length; i++) {
    const id = include?.call(font.subset, run.glyphIds[i] as number);
    if (id !== run.subsetIds[i] || id === undefined) return false;
    if (widths[id] == null) widths[id] = run.widths[i] as number;
    if (unicode[id] == null) unicode[id] = run.codePoints[i];
  }
  return true;
}

// The document fonts encodeAgain has been used on.
const encodedBefore = new WeakSet<PdfkitFont>();

// Whether a font has what encodeAgain uses.
function canEncodeAgain(font: PdfkitFont): font is PdfkitFont & { readonly id: string; readonly font: object; ref: () => unknown } {
  return (
    typeof font.id === 'string' &&
    typeof font.font === 'object' &&
    font.font !== null &&
    typeof font.subset?.includeGlyph === 'function' &&
    Array.isArray(font.widths) &&
    Array.isArray(font.unicode) &&
    typeof font.scale === 'number' &&
    typeof font.ref === 'function' &&
    typeof font.layout === 'function' &&
    typeof font.encode === 'function'
  );
}

// The piece just drawn by pdfkit in `font` (document font number `numberedIn`; `written`: its
// lines), to be drawn again.
function drawnRun(font: PdfkitFont, numberedIn: number, text: string, written: readonly string[], opening: string): DrawnRun | null {
  const lines = repeatableLines(written, opening);
  const glyphs = lines === null ? undefined : font.layout?.(text).glyphs;
  if (lines === null || glyphs === undefined) return null;
  const scale = font.scale as number;
  return {
    glyphIds: Uint32Array.from(glyphs, (glyph) => glyph.id),
    widths: Float64Array.from(glyphs, (glyph) => glyph.advanceWidth * scale),
    codePoints: glyphs.map((glyph) => glyph.codePoints),
    // The glyphs are in the subset already: includeGlyph only looks their numbers up.
    subsetIds: Uint32Array.from(glyphs, (glyph) => font.subset?.includeGlyph?.(glyph.id) ?? 0xffffffff),
    lines,
    numberedIn,
  };
}

// The lines added to the page's content since it held `from` chunks (pdfkit keeps a page's
// content as one chunk per line until the page ends), or undefined if that is not so.
function linesSince(chunks: unknown, from: number): string[] | undefined {
  if (!Array.isArray(chunks)) return undefined;
  const lines: string[] = [];
  for (const chunk of chunks.slice(from) as unknown[]) {
    if (!(chunk instanceof Uint8Array)) return undefined;
    const line = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (!line.endsWith('\n')) return undefined;
    lines.push(line.slice(0, -1));
  }
  return lines;
}

/**
 * Draws one piece of text with its baseline at `baseline`, never letting pdfkit break it. A
 * right-to-left piece is drawn with `features` set, the only way to make pdfkit shape it as one
 * run: without, it shapes word by word and puts the words back in logical order.
 */
export function drawText(
  pdf: Pdf,
  text: string,
  style: FontStyle,
  size: number,
  x: number,
  baseline: number,
  rtl = false,
): void {
  pdf.font(fontName(pdf, style)).fontSize(size);
  const internals = pdf as unknown as PdfkitText;
  const options = { baseline: 'alphabetic', ...(rtl ? { features: [] } : {}) } as const;
  if (typeof internals._fragment !== 'function') {
    pdf.text(text, x, baseline, { lineBreak: false, ...options });
    if (rtl) mapRightToLeftLigatures(pdf);
    return;
  }
  const font = internals._font;
  const page = internals.page;
  const pageHeight = page?.height;
  // Right-to-left runs are rare and need their ligatures mapped after each drawing.
  const cacheable = !rtl && font !== undefined && canEncodeAgain(font) && typeof pageHeight === 'number' && page?.fonts !== undefined;
  let runs = cacheable ? drawnRuns.get(font.font) : undefined;
  const key = cacheable ? `${font.id} ${size} ${text}` : '';
  const known = runs?.get(key);
  const number = cacheable ? fontNumber(font) : 0;
  // A subset never renumbers a glyph: in the document that numbered them, a line is written
  // again at once (a print file), in another one after its glyphs have been put in its subset.
  if (cacheable && known && (known.numberedIn === number || encodeAgain(font, known))) {
    known.numberedIn = number;
    // What pdfkit's _fragment does besides: the font becomes a resource of the page, and the
    // lines go into its content, in two chunks (the content is the concatenation of its chunks;
    // pdfkit adds a line end to a string, not to bytes).
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    pdf.addContent(textOpening(pageHeight, x, baseline));
    pdf.addContent(known.lines);
    return;
  }
  const chunks = page?.content?.buffer;
  const before = Array.isArray(chunks) ? chunks.length : 0;
  // What text() ends up calling, without the two extra layouts of the string it does on the
  // way (to advance its cursor, and to size underlines and links), which text we have measured
  // and placed ourselves does not need.
  internals._fragment.call(pdf, text, x, baseline, { textWidth: 0, wordCount: 0, ...options });
  if (rtl) mapRightToLeftLigatures(pdf);
  // Learnt again when the glyphs were numbered otherwise: letters of a batch mostly number them
  // alike, in the order their subsets start with (startLetterSubsets).
  if (!cacheable || known === null) return;
  if (known === undefined && !drawnBefore(font.font, key)) return;
  const written = linesSince(chunks, before);
  if (written === undefined) return;
  if (!runs || runs.size >= DRAWN_RUNS_LIMIT) drawnRuns.set(font.font, (runs = new Map()));
  runs.set(key, drawnRun(font, number, text, written, textOpening(pageHeight, x, baseline)));
}

// Whether a piece (not kept yet) was drawn in an earlier letter in this font; notes it if not.
function drawnBefore(font: object, key: string): boolean {
  let once = drawnOnce.get(font);
  const letter = once?.get(key);
  if (letter !== undefined && letter !== lettersBegun) {
    once!.delete(key);
    return true;
  }
  if (letter !== undefined) return false;
  if (!once || once.size >= DRAWN_RUNS_LIMIT) drawnOnce.set(font, (once = new Map()));
  once.set(key, lettersBegun);
  return false;
}
