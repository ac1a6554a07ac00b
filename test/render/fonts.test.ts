import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { defaultFontPathsFor, fontStyleOf, loadFont, loadFontSet } from '../../src/render/fonts.js';
import { findMissingGlyphsInLetter } from '../../src/render/glyph-coverage.js';
import { arabic } from '../helpers/letter-documents.js';

const dejavu = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-fonts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tempFile(name: string, content: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

function loadError(path: string): UaError {
  try {
    loadFont(path);
  } catch (error) {
    if (error instanceof UaError) return error;
    throw error;
  }
  throw new Error(`${path} loaded`);
}

describe('loadFontSet', () => {
  it('loads the DejaVu Serif family by default', () => {
    const set = loadFontSet();
    expect(set.regular.font.postscriptName).toBe('DejaVuSerif');
    expect(set.bold.font.postscriptName).toBe('DejaVuSerif-Bold');
    expect(set.italic.font.postscriptName).toBe('DejaVuSerif-Italic');
    expect(set.boldItalic.font.postscriptName).toBe('DejaVuSerif-BoldItalic');
    expect(set.regular.buffer.byteLength).toBeGreaterThan(100_000);
  });

  it('parses each file once per process', () => {
    const first = loadFontSet();
    const second = loadFontSet({ bold: join(dejavu, 'DejaVuSerif-Bold.ttf') });
    expect(second.regular).toBe(first.regular);
    expect(second.bold).toBe(first.bold);
    expect(second.regular.font).toBe(first.regular.font);
  });

  it('uses a user font given only as regular for every style', () => {
    const path = join(tmp, 'UserSans.ttf');
    copyFileSync(join(dejavu, 'DejaVuSans.ttf'), path);
    const set = loadFontSet({ regular: path });
    expect(set.regular.path).toBe(path);
    expect(set.regular.font.postscriptName).toBe('DejaVuSans');
    expect([set.bold, set.italic, set.boldItalic]).toEqual([set.regular, set.regular, set.regular]);
  });

  it('sets Arabic- and Hebrew-script languages in DejaVu Sans, Arabic italics upright', () => {
    expect(defaultFontPathsFor('ar').regular).toBe(join(dejavu, 'DejaVuSans.ttf'));
    expect(defaultFontPathsFor('fa-IR').italic).toBe(join(dejavu, 'DejaVuSans.ttf'));
    expect(defaultFontPathsFor('az-Arab').boldItalic).toBe(join(dejavu, 'DejaVuSans-Bold.ttf'));
    expect(defaultFontPathsFor('he').italic).toBe(join(dejavu, 'DejaVuSans-Oblique.ttf'));
    expect(defaultFontPathsFor('en-GB').regular).toBe(join(dejavu, 'DejaVuSerif.ttf'));
    expect(defaultFontPathsFor('az-Latn').regular).toBe(join(dejavu, 'DejaVuSerif.ttf'));
    expect(loadFontSet({}, 'ar').regular.font.postscriptName).toBe('DejaVuSans');
    // DejaVu Serif has no Arabic; the Sans faces chosen for Arabic cover the whole letter.
    expect(findMissingGlyphsInLetter(arabic, loadFontSet())).not.toEqual([]);
    expect(findMissingGlyphsInLetter(arabic, loadFontSet({}, 'ar'))).toEqual([]);
  });

  it('mixes a user style with the defaults for the others', () => {
    const set = loadFontSet({ bold: join(dejavu, 'DejaVuSans-Bold.ttf') });
    expect(set.bold.font.postscriptName).toBe('DejaVuSans-Bold');
    expect(set.regular.font.postscriptName).toBe('DejaVuSerif');
  });
});

describe('loadFont', () => {
  it('reports a missing file as font/unreadable with exit code 2', () => {
    const path = join(tmp, 'missing.ttf');
    const error = loadError(path);
    expect(error).toMatchObject({ code: 'font/unreadable', exitCode: 2 });
    expect(error.message).toContain(path);
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'font/unreadable', file: path })]);
  });

  it('reports a file that is not a font', () => {
    const error = loadError(tempFile('notes.ttf', 'These are not glyphs.\n'));
    expect(error).toMatchObject({ code: 'font/unreadable', exitCode: 2 });
    expect(error.message).toMatch(/not a usable font/);
  });

  it('reports a truncated font file', () => {
    const whole = loadFontSet().regular.buffer;
    const error = loadError(tempFile('truncated.ttf', whole.subarray(0, 2000)));
    expect(error.code).toBe('font/unreadable');
  });

  it('refuses WOFF files, which pdfkit cannot embed reliably', () => {
    const woff = toWoff(loadFontSet().regular.buffer);
    const error = loadError(tempFile('DejaVuSerif.woff', woff));
    expect(error).toMatchObject({ code: 'font/unreadable', exitCode: 2 });
    expect(error.message).toMatch(/is a WOFF font; use a \.ttf or \.otf file/);
  });
});

describe('fontStyleOf', () => {
  it('maps bold and italic flags to a face', () => {
    expect(fontStyleOf({})).toBe('regular');
    expect(fontStyleOf({ bold: true })).toBe('bold');
    expect(fontStyleOf({ italic: true })).toBe('italic');
    expect(fontStyleOf({ bold: true, italic: true })).toBe('boldItalic');
  });
});

// Wraps a TrueType font's tables, uncompressed, in a WOFF 1.0 container (the format allows
// stored tables), to have a real WOFF file without shipping one.
function toWoff(ttf: Uint8Array): Uint8Array {
  const sfnt = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const numTables = sfnt.getUint16(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const record = 12 + 16 * i;
    return {
      tag: sfnt.getUint32(record),
      checksum: sfnt.getUint32(record + 4),
      data: ttf.subarray(sfnt.getUint32(record + 8), sfnt.getUint32(record + 8) + sfnt.getUint32(record + 12)),
    };
  });
  const pad = (n: number): number => (n + 3) & ~3;
  let offset = 44 + 20 * numTables;
  const placed = tables.map((t) => {
    const at = offset;
    offset += pad(t.data.length);
    return { ...t, at };
  });
  const woff = new Uint8Array(offset);
  const view = new DataView(woff.buffer);
  view.setUint32(0, 0x774f4646); // 'wOFF'
  view.setUint32(4, sfnt.getUint32(0));
  view.setUint32(8, offset);
  view.setUint16(12, numTables);
  view.setUint32(16, 12 + 16 * numTables + tables.reduce((sum, t) => sum + pad(t.data.length), 0));
  view.setUint16(20, 1);
  placed.forEach((t, i) => {
    const entry = 44 + 20 * i;
    view.setUint32(entry, t.tag);
    view.setUint32(entry + 4, t.at);
    view.setUint32(entry + 8, t.data.length);
    view.setUint32(entry + 12, t.data.length);
    view.setUint32(entry + 16, t.checksum);
    woff.set(t.data, t.at);
  });
  return woff;
}
