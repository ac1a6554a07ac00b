import { describe, expect, it } from 'vitest';
import { ChunkedBytes, ChunkedColumn, ChunkedFloats } from '../../src/compact/chunked-column.js';

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

describe('ChunkedFloats', () => {
  it('keeps offsets past 4 GB across chunk boundaries, unwritten entries reading the empty value', () => {
    const column = new ChunkedFloats(Number.NaN);
    const indices = [0, 4095, 4096, 30_000];
    indices.forEach((index, k) => column.set(index, 5_000_000_000 + k));
    indices.forEach((index, k) => expect(column.get(index)).toBe(5_000_000_000 + k));
    expect(column.get(1)).toBeNaN();
    expect(column.get(10_000)).toBeNaN();
    expect(column.get(1_000_000)).toBeNaN();
  });

  it('writes the empty value over a value', () => {
    const column = new ChunkedFloats(Number.NaN);
    column.set(7, 123.5);
    column.set(7, Number.NaN);
    expect(column.get(7)).toBeNaN();
    column.set(8, 0);
    expect(column.get(8)).toBe(0);
  });
});
