// Drawing one unbroken piece of text with pdfkit, and drawing it again cheaply: the letters of
// a print file repeat their lines word for word, and shaping and encoding a line is most of
// the time of a page. What pdfkit writes for a line depends on the page only through the text
// matrix (where the line starts), so the rest is kept per document font and written again.
import type { FontStyle } from './fonts.js';
import { fontName, mapRightToLeftLigatures, type Pdf } from './pdf-document.js';

/** The pdfkit internals drawText relies on (pdfkit 0.8 to 0.20). */
interface PdfkitText {
  _fragment?: (text: string, x: number, y: number, options: object) => void;
  readonly _font?: { readonly id?: unknown; ref?: () => unknown };
  readonly page?: {
    readonly height?: unknown;
    readonly fonts?: Record<string, unknown>;
    readonly content?: { readonly buffer?: unknown };
  };
}

// The lines pdfkit wrote after the text matrix ("/F1 11 Tf", the TJ arrays, "ET", "Q"), as
// bytes, by size and text, for each font of a document (its subset numbers the glyphs); null
// where pdfkit moved single glyphs (combining marks) with text matrices of their own, and the
// text is drawn by pdfkit every time. Renewed when full, which bounds it in a print file of any
// length.
const drawnRuns = new WeakMap<object, Map<string, Uint8Array | null>>();
const DRAWN_RUNS_LIMIT = 4000;

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
function repeatableRun(written: readonly string[], opening: string): Uint8Array | null {
  const last = written.length - 1;
  if (last < 6 || written.slice(0, 4).join('\n') !== opening) return null;
  if (written[last] !== 'Q' || written[last - 1] !== 'ET') return null;
  const run = written.slice(4);
  return run.some((line) => line.endsWith(' Tm')) ? null : Buffer.from(`${run.join('\n')}\n`, 'latin1');
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
  const cacheable = !rtl && font !== undefined && typeof font.id === 'string' && typeof pageHeight === 'number';
  let runs = cacheable ? drawnRuns.get(font) : undefined;
  const key = `${size} ${text}`;
  const known = runs?.get(key);
  if (cacheable && known instanceof Uint8Array && page?.fonts !== undefined && typeof font.ref === 'function') {
    // What pdfkit's _fragment does for text drawn before: the font is a resource of the page, and
    // the same lines, in two chunks (the page's content is the concatenation of its chunks;
    // pdfkit adds a line end to a string, not to bytes).
    const id = font.id as string;
    if (page.fonts[id] == null) page.fonts[id] = font.ref();
    pdf.addContent(textOpening(pageHeight, x, baseline));
    pdf.addContent(known);
    return;
  }
  const chunks = page?.content?.buffer;
  const before = Array.isArray(chunks) ? chunks.length : 0;
  // What text() ends up calling, without the two extra layouts of the string it does on the
  // way (to advance its cursor, and to size underlines and links), which text we have measured
  // and placed ourselves does not need.
  internals._fragment.call(pdf, text, x, baseline, { ...options, textWidth: 0, wordCount: 0 });
  if (rtl) mapRightToLeftLigatures(pdf);
  if (!cacheable || known !== undefined) return;
  const written = linesSince(chunks, before);
  if (written === undefined) return;
  if (!runs || runs.size >= DRAWN_RUNS_LIMIT) drawnRuns.set(font, (runs = new Map()));
  runs.set(key, repeatableRun(written, textOpening(pageHeight, x, baseline)));
}
