import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/render/fonts.js';
import { fontName, openPdf, type Pdf } from '../../src/render/pdf-document.js';

interface Run {
  readonly glyphs: readonly { readonly id: number }[];
  readonly positions: readonly Record<string, number>[];
}

// A word shaped the way pdfkit shapes it for drawing, in the document's regular font.
function shaped(pdf: Pdf, word: string): Run {
  pdf.font(fontName(pdf, 'regular'));
  return (pdf as unknown as { _font: { layoutCached(text: string): Run } })._font.layoutCached(word);
}

const open = (): Pdf => openPdf({ size: 'A4', fonts: loadFontSet({}), date: new Date('2010-09-20T00:00:00Z'), title: 'test' });

describe('openPdf: shaped words shared between documents', () => {
  it('shapes a word once for all documents of the same fonts', () => {
    const first = open();
    const second = open();
    expect(shaped(second, 'Minister ')).toBe(shaped(first, 'Minister '));
  });

  it('gives equal glyph positions one shared object, and keeps them as pdfkit computed them', () => {
    const pdf = open();
    const minister = shaped(pdf, 'Ministerin ');
    const inn = shaped(pdf, 'inn ');
    // "i" before "n" in both words: the same advance, so the same object.
    expect(minister.glyphs[1]!.id).toBe(inn.glyphs[0]!.id);
    expect(minister.positions[1]).toBe(inn.positions[0]);
    // In 1/1000 em, as pdfkit scales fontkit's font units.
    const { font } = loadFontSet({}).regular;
    const position = inn.positions[0]!;
    expect(position.xAdvance).toBeCloseTo((font.layout('i').advanceWidth * 1000) / font.unitsPerEm, 6);
    expect(position.advanceWidth).toBe(position.xAdvance);
    // Different advances stay different objects.
    expect(inn.positions[1]).not.toBe(inn.positions[0]);
  });
});
