import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChunkedBytes, ChunkedColumn } from '../../src/compact/chunked-column.js';

describe('ChunkedColumn', () => {
  it('keeps each entry across chunk boundaries, unwritten entries reading 0', () => {
    const column = new ChunkedColumn(32);
    const indices = [0, 1, 4095, 4096, 4097, 12_287, 12_288, 100_000];
    indices.forEach((index, k) => column.set(index, 4_000_000_000 - k));
    indices.forEach((index, k) => expect(column.get(index)).toBe(4_000_000_000 - k));
    expect(column.get(2)).toBe(0);
    expect(column.get(50_000)).toBe(0);
    expect(column.get(1_000_000)).toBe(0);
  });

  it('writes zero over a value', () => {
    const column = new ChunkedColumn(16);
    column.set(5000, 65_535);
    column.set(5000, 0);
    expect(column.get(5000)).toBe(0);
  });

  it('refuses a value that does not fit in its bits', () => {
    expect(() => new ChunkedColumn(8).set(0, 256)).toThrow(RangeError);
    expect(() => new ChunkedColumn(16).set(0, 65_536)).toThrow(RangeError);
    expect(() => new ChunkedColumn(32).set(0, -1)).toThrow(RangeError);
    expect(() => new ChunkedColumn(32).set(0, 1.5)).toThrow(RangeError);
    expect(() => new ChunkedColumn(32).set(0, 2 ** 32)).toThrow(RangeError);
  });
});

describe('ChunkedBytes', () => {
  it('keeps each entry\'s bytes across chunk boundaries', () => {
    const column = new ChunkedBytes(4);
    for (const index of [0, 4095, 4096, 9000]) column.set(index, Uint8Array.of(index & 255, index >> 8, 7, 9));
    for (const index of [0, 4095, 4096, 9000]) expect([...column.get(index)]).toEqual([index & 255, index >> 8, 7, 9]);
    expect([...column.get(1)]).toEqual([0, 0, 0, 0]);
    expect([...column.get(20_000)]).toEqual([0, 0, 0, 0]);
  });

  it('refuses bytes of another width', () => {
    expect(() => new ChunkedBytes(32).set(0, new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('reads and writes an entry as hexadecimal digits', () => {
    const column = new ChunkedBytes(4);
    column.setHex(4096, '00ff7a10');
    expect(column.get(4096).toString('hex')).toBe('00ff7a10');
    expect([...column.get(4096)]).toEqual([0, 255, 0x7a, 0x10]);
    expect(column.get(4095).toString('hex')).toBe('00000000');
    expect(() => column.setHex(0, '00ff7a')).toThrow(/8 hexadecimal digits/);
    expect(() => column.setHex(0, '00ff7g10')).toThrow(/hexadecimal/);
  });
});

describe('ChunkedBytes with a spill file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ua-letter-spill-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const hexOf = (index: number) => (index * 2654435761 >>> 0).toString(16).padStart(8, '0');

  it('moves complete chunks to the file and reads them back, in any order', () => {
    const file = join(dir, 'spill.bin');
    const column = new ChunkedBytes(4, file);
    for (let index = 0; index < 20_000; index++) {
      column.setHex(index, hexOf(index));
      column.spillBefore(index);
    }
    // Four complete chunks of 4,096 entries are in the file; the fifth, still being written, is not.
    expect(statSync(file).size).toBe(4 * 4096 * 4);
    for (const index of [0, 19_999, 4096, 4095, 12_000, 1, 16_383, 8191, 100, 16_384]) expect(column.get(index).toString('hex')).toBe(hexOf(index));
    for (let index = 0; index < 20_000; index += 7) expect(column.get(index).toString('hex')).toBe(hexOf(index));
    expect(column.get(30_000).toString('hex')).toBe('00000000');
    column.dispose();
    expect(existsSync(file)).toBe(false);
  });

  it('takes a chunk back into memory when an entry in it is written again', () => {
    const column = new ChunkedBytes(4, join(dir, 'spill.bin'));
    for (let index = 0; index < 5000; index++) column.setHex(index, hexOf(index));
    column.spillBefore(5000);
    column.setHex(10, 'deadbeef');
    expect(column.get(10).toString('hex')).toBe('deadbeef');
    expect(column.get(11).toString('hex')).toBe(hexOf(11));
    column.spillBefore(5000);
    expect(column.get(10).toString('hex')).toBe('deadbeef');
    column.dispose();
  });

  it('keeps every chunk in memory when the file cannot be written', () => {
    const column = new ChunkedBytes(4, join(dir, 'no-such-folder', 'spill.bin'));
    for (let index = 0; index < 9000; index++) {
      column.setHex(index, hexOf(index));
      column.spillBefore(index);
    }
    for (let index = 0; index < 9000; index += 13) expect(column.get(index).toString('hex')).toBe(hexOf(index));
    column.dispose();
  });

  it('refuses to read a spilled entry once disposed of', () => {
    const column = new ChunkedBytes(4, join(dir, 'spill.bin'));
    for (let index = 0; index < 4097; index++) column.setHex(index, hexOf(index));
    column.spillBefore(4097);
    column.dispose();
    expect(() => column.get(0)).toThrow(/disposed/);
  });
});

describe('ChunkedColumn with a spill file', () => {
  it('reads back spilled values, writes into a spilled chunk, and spills it again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-letter-spill-'));
    try {
      const file = join(dir, 'column.bin');
      const column = new ChunkedColumn(16, file);
      for (let index = 0; index < 10_000; index++) column.set(index, (index * 7) % 65_536);
      column.spillBefore(10_000);
      expect(statSync(file).size).toBe(2 * 4096 * 2);
      for (let index = 0; index < 10_000; index += 3) expect(column.get(index)).toBe((index * 7) % 65_536);
      column.set(5, 0);
      column.set(4100, 9);
      column.spillBefore(10_000);
      expect(column.get(5)).toBe(0);
      expect(column.get(4100)).toBe(9);
      expect(column.get(6)).toBe(42);
      column.dispose();
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
