import { describe, expect, it } from 'vitest';
import { graphemesOf } from '../../src/render/graphemes.js';

describe('graphemesOf', () => {
  it('keeps a letter with its combining accents, an emoji sequence and a surrogate pair whole', () => {
    expect(graphemesOf('e\u0301a')).toEqual(['e\u0301', 'a']);
    expect(graphemesOf('👩‍⚕️!')).toEqual(['👩‍⚕️', '!']);
    expect(graphemesOf('𠜎ж')).toEqual(['𠜎', 'ж']);
    expect(graphemesOf('')).toEqual([]);
  });
});
