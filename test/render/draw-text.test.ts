import { describe, expect, it } from 'vitest';
import { drawText } from '../../src/render/draw-text.js';
import { loadFontSet, type FontStyle } from '../../src/render/fonts.js';
import { addPage, collectBytes, fontName, openPdf, type Pdf } from '../../src/render/pdf-document.js';

type Fragment = (text: string, x: number, y: number, options: object) => void;
type Piece = readonly [string, FontStyle, number, number, number];

const fonts = loadFontSet();

// What is drawn, page by page: lines repeated at other places and sizes, a kerned pair (AV),
// Cyrillic, decomposed Vietnamese (marks that pdfkit places glyph by glyph) and an empty piece.
const PAGES: readonly (readonly Piece[])[] = [
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
  [
    ['AVA Tokyo, 12 Kurskaya', 'bold', 11, 70.866142, 90],
    ['Уважаемый господин министр,', 'regular', 11, 71, 104.333333],
    ['Dear Minister,', 'regular', 9.5, 70.866142, 600],
  ],
];

// `pages` drawn by `draw`, as the bytes of a whole document.
async function documentDrawnWith(pages: readonly (readonly Piece[])[], draw: (pdf: Pdf, piece: Piece) => void): Promise<Buffer> {
  const pdf = openPdf({ size: 'A4', fonts, date: new Date('2010-10-01T00:00:00Z'), title: 'draw-text' });
  const bytes = collectBytes(pdf);
  for (const pieces of pages) {
    addPage(pdf);
    for (const piece of pieces) draw(pdf, piece);
  }
  pdf.end();
  return Buffer.from(await bytes);
}

// Draws a piece the way pdfkit's text() does in the end.
const byPdfkit = (pdf: Pdf, [text, style, size, x, baseline]: Piece): void => {
  pdf.font(fontName(pdf, style)).fontSize(size);
  (pdf as unknown as { _fragment: Fragment })._fragment(text, x, baseline, { baseline: 'alphabetic', textWidth: 0, wordCount: 0 });
};

// Draws a piece with drawText, counting the pieces that pdfkit drew.
function countingDrawText(): { draw: (pdf: Pdf, piece: Piece) => void; readonly pdfkitCalls: () => number } {
  let calls = 0;
  const draw = (pdf: Pdf, [text, style, size, x, baseline]: Piece): void => {
    const internals = pdf as unknown as { _fragment: Fragment };
    if (!Object.hasOwn(internals, '_fragment')) {
      const original = internals._fragment;
      internals._fragment = function (this: Pdf, ...args: Parameters<Fragment>) {
        calls += 1;
        original.apply(this, args);
      };
    }
    drawText(pdf, text, style, size, x, baseline);
  };
  return { draw, pdfkitCalls: () => calls };
}

describe('drawText', () => {
  it('writes what pdfkit writes for each piece, drawing repeated pieces without pdfkit', async () => {
    const counting = countingDrawText();
    const drawn = await documentDrawnWith(PAGES, counting.draw);
    expect(drawn.equals(await documentDrawnWith(PAGES, byPdfkit))).toBe(true);
    // A piece is kept when drawn a second time: of the 15, pdfkit drew the 6 pieces (text and
    // size) new to the document, 4 of them a second time, and the piece with marks twice more;
    // the other 3 were written again from what pdfkit wrote.
    expect(counting.pdfkitCalls()).toBe(6 + 4 + 2);
  });

  it('draws pieces of an earlier document again where the glyphs are numbered alike, else through pdfkit', async () => {
    const first: Piece[][] = [
      [
        ['Dear Minister,', 'regular', 12.5, 70, 100],
        ['Kazakhstan', 'regular', 12.5, 70, 120],
        ['Dear Minister,', 'regular', 12.5, 70, 140],
        ['Kazakhstan', 'regular', 12.5, 70, 160],
      ],
    ];
    // "Dear Minister," starts the subset as before; "Zebra" then takes the numbers that the
    // glyphs of "Kazakhstan" (K, z, k, t) had in the first document.
    const second: Piece[][] = [
      [
        ['Dear Minister,', 'regular', 12.5, 90, 300],
        ['Zebra', 'regular', 12.5, 70, 320],
        ['Kazakhstan', 'regular', 12.5, 70, 340],
        ['Kazakhstan', 'regular', 12.5, 70, 360],
      ],
    ];
    const counting = countingDrawText();
    expect((await documentDrawnWith(first, counting.draw)).equals(await documentDrawnWith(first, byPdfkit))).toBe(true);
    // Kept on their second drawing, so all four went through pdfkit.
    expect(counting.pdfkitCalls()).toBe(4);
    expect((await documentDrawnWith(second, counting.draw)).equals(await documentDrawnWith(second, byPdfkit))).toBe(true);
    // In the second document: "Zebra" (new) and the first "Kazakhstan" (numbered otherwise).
    expect(counting.pdfkitCalls()).toBe(4 + 2);
  });
});
