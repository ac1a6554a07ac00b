import { describe, expect, it } from 'vitest';
import { sortIndices } from '../../src/compact/sort-indices.js';

describe('sortIndices', () => {
  let seed = 11;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

  it.each([0, 1, 2, 31, 32, 33, 64, 65, 1000, 4097, 30_000])('sorts %i entries as Array.prototype.sort does, ties in their first order', (length) => {
    // Few distinct keys, so that many compare equal: the order among those must be kept.
    const keys = Array.from({ length }, () => random(Math.max(1, length >> 3)));
    const byKey = (a: number, b: number) => keys[a]! - keys[b]!;
    const indices = Uint32Array.from({ length }, (_, i) => i);
    const expected = Array.from({ length }, (_, i) => i).sort(byKey);
    expect(sortIndices(indices, byKey)).toBe(indices);
    expect([...indices]).toEqual(expected);
  });

  it('sorts entries that are nearly in order, as letters finished a few at a time are', () => {
    const length = 10_000;
    const keys = Array.from({ length }, (_, i) => i + random(16));
    const byKey = (a: number, b: number) => keys[a]! - keys[b]!;
    const indices = Uint32Array.from({ length }, (_, i) => i);
    sortIndices(indices, byKey);
    for (let i = 1; i < length; i++) expect(keys[indices[i - 1]!]! <= keys[indices[i]!]!).toBe(true);
    expect(new Set(indices).size).toBe(length);
  });
});
