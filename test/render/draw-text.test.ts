import { describe, expect, it } from 'vitest';
import { beginLetter, drawText } from '../../src/render/draw-text.js';
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

// `pages` drawn by `draw`, each page a letter of its own, as the bytes of a whole document.
async function documentDrawnWith(pages: readonly (readonly Piece[])[], draw: (pdf: Pdf, piece: Piece) => void): Promise<Buffer> {
  const pdf = openPdf({ size: 'A4', fonts, date: new Date('2010-10-01T00:00:00Z'), title: 'draw-text' });
  const bytes = collectBytes(pdf);
  for (const pieces of pages) {
    beginLetter();
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
    // A piece is kept when drawn in a second letter (page): of the 15, pdfkit drew the 6 pieces
    // (text and size) new to the document, 2 of them again on the same page, 4 on a later page
    // (kept then), and the piece with marks once more; the other 2 were written again from what
    // pdfkit wrote.
    expect(counting.pdfkitCalls()).toBe(6 + 2 + 4 + 1);
  });

  it('draws pieces of an earlier document again where the glyphs are numbered alike, else through pdfkit', async () => {
    const first: Piece[][] = [
      [
        ['Dear Minister,', 'regular', 12.5, 70, 100],
        ['Kazakhstan', 'regular', 12.5, 70, 120],
      ],
      [
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
    // Kept when drawn in the second letter, so all four went through pdfkit.
    expect(counting.pdfkitCalls()).toBe(4);
    expect((await documentDrawnWith(second, counting.draw)).equals(await documentDrawnWith(second, byPdfkit))).toBe(true);
    // In the second document: "Zebra" (new) and the first "Kazakhstan" (numbered otherwise).
    expect(counting.pdfkitCalls()).toBe(4 + 2);
  });

  it('keeps no piece that only one letter draws, however often (a signer\'s name in the address and the signature)', async () => {
    const name: Piece = ['Anna Müller 4711', 'regular', 10, 70, 100];
    const body: Piece = ['We urge you to stop the return', 'regular', 10, 70, 300];
    const counting = countingDrawText();
    const letters: Piece[][] = [[name, body, name], [body, name], [body]];
    expect((await documentDrawnWith(letters, counting.draw)).equals(await documentDrawnWith(letters, byPdfkit))).toBe(true);
    // The first letter drew the name twice and was not kept for it: the second letter drew it
    // through pdfkit again, as it did the body (kept then, and written again in the third).
    expect(counting.pdfkitCalls()).toBe(3 + 2);
  });
});
