import { describe, expect, it } from 'vitest';
import { drawText } from '../../src/render/draw-text.js';
import { loadFontSet, type FontStyle } from '../../src/render/fonts.js';
import { addPage, collectBytes, fontName, openPdf, type Pdf } from '../../src/render/pdf-document.js';

type Fragment = (text: string, x: number, y: number, options: object) => void;

const fonts = loadFontSet();

// What is drawn, page by page: lines repeated at other places and sizes, a kerned pair (AV),
// Cyrillic, decomposed Vietnamese (marks that pdfkit places glyph by glyph) and an empty piece.
const PAGES: readonly (readonly [string, FontStyle, number, number, number])[][] = [
  [
    ['Dear Minister,', 'regular', 11, 70.866142, 120],
    ['AVA Tokyo, 12 Kurskaya', 'bold', 11, 70.866142, 134.5],
    ['Уважаемый господин министр,', 'regular', 11, 70.866142, 149],
    ['Dear Minister,', 'regular', 11, 300.25, 400.125],
    ['Nguye\u0302\u0303n Va\u0306n', 'italic', 10, 70, 500],
    ['Nguye\u0302\u0303n Va\u0306n', 'italic', 10, 80, 520],
    ['', 'regular', 11, 70, 530],
    ['Dear Minister,', 'regular', 9.5, 70.866142, 600],
  ],
  [
    // A new page: the first piece is one drawn before, so the page must get its font resource.
    ['AVA Tokyo, 12 Kurskaya', 'bold', 11, 70.866142, 90],
    ['Уважаемый господин министр,', 'regular', 11, 71, 104.333333],
    ['Dear Minister,', 'regular', 11, 70.866142, 120],
    ['Nguye\u0302\u0303n Va\u0306n', 'italic', 10, 70, 500],
  ],
];

// The pages drawn by `draw`, as the bytes of a whole document.
async function documentDrawnWith(draw: (pdf: Pdf, piece: readonly [string, FontStyle, number, number, number]) => void): Promise<Buffer> {
  const pdf = openPdf({ size: 'A4', fonts, date: new Date('2010-10-01T00:00:00Z'), title: 'draw-text' });
  const bytes = collectBytes(pdf);
  for (const pieces of PAGES) {
    addPage(pdf);
    for (const piece of pieces) draw(pdf, piece);
  }
  pdf.end();
  return Buffer.from(await bytes);
}

describe('drawText', () => {
  it('writes what pdfkit writes for each piece, drawing repeated pieces without pdfkit', async () => {
    const byPdfkit = await documentDrawnWith((pdf, [text, style, size, x, baseline]) => {
      pdf.font(fontName(pdf, style)).fontSize(size);
      (pdf as unknown as { _fragment: Fragment })._fragment(text, x, baseline, { baseline: 'alphabetic', textWidth: 0, wordCount: 0 });
    });
    let pdfkitCalls = 0;
    const byDrawText = await documentDrawnWith((pdf, [text, style, size, x, baseline]) => {
      const internals = pdf as unknown as { _fragment: Fragment };
      if (!Object.hasOwn(internals, '_fragment')) {
        const original = internals._fragment;
        internals._fragment = function (this: Pdf, ...args: Parameters<Fragment>) {
          pdfkitCalls += 1;
          original.apply(this, args);
        };
      }
      drawText(pdf, text, style, size, x, baseline);
    });
    expect(byDrawText.equals(byPdfkit)).toBe(true);
    // Drawn by pdfkit: the six pieces (text and size) new to the document, and the piece with
    // marks twice more; the other five were written again from what pdfkit wrote the first time.
    expect(pdfkitCalls).toBe(6 + 2);
  });
});
