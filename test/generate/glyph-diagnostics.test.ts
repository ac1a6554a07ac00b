import { describe, expect, it } from 'vitest';
import { describeCharacter } from '../../src/generate/glyph-diagnostics.js';

describe('describeCharacter', () => {
  it('names a character by glyph and code point', () => {
    expect(describeCharacter('中')).toBe('"中" (U+4E2D)');
    expect(describeCharacter('é')).toBe('"é" (U+00E9)');
    expect(describeCharacter('𠜎')).toBe('"𠜎" (U+2070E)');
  });
});
