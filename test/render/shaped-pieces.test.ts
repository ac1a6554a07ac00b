import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/render/fonts.js';
import { shapeKept } from '../../src/render/shaped-pieces.js';

type Run = { advanceWidth: number; glyphs: { id: number }[]; positions: { xAdvance: number }[] };

// Runs hold their font (megabytes of tables): compared by identity, never printed.
const same = (a: unknown, b: unknown): boolean => a === b;

describe('runs shaped for measuring', () => {
  const { font } = loadFontSet({}).regular;
  const layout = (text: string, features?: unknown) => (font.layout as (text: string, features?: unknown) => Run)(text, features);

  it('are handed to the next layout of the same text, once, equal to what fontkit shapes', () => {
    const fresh = layout('Virtanen4711 ');
    const measured = shapeKept(font, 'Virtanen4711 ') as Run;
    const taken = layout('Virtanen4711 ', undefined);
    expect(same(taken, measured)).toBe(true);
    expect(taken.advanceWidth).toBe(fresh.advanceWidth);
    expect(taken.glyphs.map((g) => g.id)).toEqual(fresh.glyphs.map((g) => g.id));
    expect(taken.positions).toEqual(fresh.positions);
    // pdfkit scales the run it gets in place: the next layout shapes anew.
    const again = layout('Virtanen4711 ');
    expect(same(again, measured)).toBe(false);
    expect(again.positions).toEqual(fresh.positions);
  });

  it('are not handed out for another text, or with features', () => {
    const measured = shapeKept(font, 'Kowalski 12 ');
    expect(same(layout('Kowalski 13 '), measured)).toBe(false);
    expect(same(layout('Kowalski 12 ', []), measured)).toBe(false);
    expect(same(layout('Kowalski 12 '), measured)).toBe(true);
  });

  it('are dropped when many are never drawn', () => {
    const first = shapeKept(font, 'never drawn 0 ');
    for (let i = 1; i <= 64; i++) shapeKept(font, `never drawn ${i} `);
    expect(same(layout('never drawn 0 '), first)).toBe(false);
  });
});
