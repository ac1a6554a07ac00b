import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// @ts-expect-error -- fontkit 2 ships no type declarations (see src/render/fonts.ts).
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { rememberFeatureLookups } from '../../src/render/feature-lookups.js';
import type { FontkitFont } from '../../src/render/fonts.js';

const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const open = (file: string): FontkitFont => (create as (data: Uint8Array) => FontkitFont)(readFileSync(join(folder, file)));

// Pieces as letters shape them: words in Latin, Cyrillic and Arabic scripts one after the other (a
// script change selects anew), ligatures and kerning, and Arabic shaped whole with features.
const pieces: [string, string[] | undefined][] = [
  ['Minister ', undefined],
  ['official ', undefined],
  ['AVA ', undefined],
  ['Уважаемый ', undefined],
  ['Minister ', undefined],
  ['معالي الوزير', []],
  ['Baimaganbetov, ', undefined],
  ['ﬁnal ', ['liga']],
  ['Уважаемый ', undefined],
];

function shapeAll(font: FontkitFont): unknown[] {
  const layout = font.layout as unknown as (text: string, features?: string[]) => {
    glyphs: { id: number }[];
    positions: object[];
    advanceWidth: number;
  };
  return pieces.map(([text, features]) => {
    const run = layout.call(font, text, features);
    return { ids: run.glyphs.map((g) => g.id), positions: run.positions.map((p) => ({ ...p })), width: run.advanceWidth };
  });
}

describe('rememberFeatureLookups', () => {
  it('shapes every piece as fontkit does on its own, in Latin, Cyrillic and Arabic', () => {
    const files = ['DejaVuSerif.ttf', 'DejaVuSans.ttf', 'DejaVuSerif-Bold.ttf'];
    // Shaped twice before the change (fontkit's own results), then twice after it.
    const before = files.map((file) => {
      const font = open(file);
      return [shapeAll(font), shapeAll(font)];
    });
    const fonts = files.map(open);
    fonts.forEach((font) => rememberFeatureLookups(font));
    const after = fonts.map((font) => [shapeAll(font), shapeAll(font)]);
    expect(after).toEqual(before);
    // The processors remember their setup now: a second selection with the same arguments
    // leaves the feature table as it is.
    const engine = (fonts[0] as unknown as { _layoutEngine: { engine: { GSUBProcessor: { features: object; selectScript: (...args: unknown[]) => unknown } } } })._layoutEngine.engine;
    const { GSUBProcessor: gsub } = engine;
    gsub.selectScript('latn', null, 'ltr');
    const features = gsub.features;
    gsub.selectScript('latn', null, 'ltr');
    expect(gsub.features).toBe(features);
    gsub.selectScript('cyrl', null, 'ltr');
    expect(gsub.features).not.toBe(features);
  });
});
