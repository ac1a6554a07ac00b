import { describe, expect, it } from 'vitest';
import { toSlug } from '../../src/write/slug.js';

describe('toSlug', () => {
  it.each([
    ['Serik Baimaganbetov', 'serik-baimaganbetov'],
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b\\c\u0000d', 'a-b-c-d'],
    ['Мами Каират', 'mami-kairat'],
    ['Côte d’Ivoire', 'cote-d-ivoire'],
    ['..', 'x'],
    ['中文', 'x'],
    ['', 'x'],
  ])('%j -> %j', (input, expected) => {
    expect(toSlug(input, 'x')).toBe(expected);
  });

  it('never exceeds 60 characters and never ends with a dash', () => {
    const slug = toSlug('a'.repeat(59) + ' b'.repeat(300), 'x');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});
