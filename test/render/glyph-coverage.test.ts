import { describe, expect, it } from 'vitest';
import type { LetterDocument } from '../../src/letter/letter-document.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { findMissingGlyphs, findMissingGlyphsInLetter } from '../../src/render/glyph-coverage.js';

const fonts = loadFontSet();
const serif = fonts.regular.font;

const letter: LetterDocument = {
  language: 'ru',
  direction: 'ltr',
  title: 'UA 129/10',
  subject: 'Казахстан',
  senderLines: null,
  returnAddress: '',
  dateLine: 'Берлин, 1 октября 2010 г.',
  recipientLines: ['Баймаганбетову С. Н.', 'ул. Манаса, 4', 'Астана 01000', 'KAZAKHSTAN'],
  recipientShort: 'Баймаганбетову С. Н.',
  reference: 'UA 129/10',
  subjectLine: 'Узбекам грозит принудительное возвращение',
  body: [
    { type: 'paragraph', runs: [{ text: 'Уважаемый господин министр!' }] },
    { type: 'list', items: [[{ text: 'не допустить ' }, { text: 'возвращения', italic: true }]] },
  ],
  signatureName: null,
  ccLabel: 'Копия:',
  cc: [],
  pageLabel: 'Страница {n} из {m}',
};

describe('findMissingGlyphs', () => {
  it('finds a Chinese character DejaVu Serif lacks', () => {
    expect(findMissingGlyphs('Министр 中 Ελλάδα', serif)).toEqual(['中']);
  });

  it('finds nothing in Cyrillic, Greek and Latin with diacritics', () => {
    const text = 'Уважаемый господин министр! Ελληνική Δημοκρατία Łódź Ærøskøbing Şişli Čeština ő ű ß Œuvre';
    expect(findMissingGlyphs(text, serif)).toEqual([]);
  });

  it('lists each missing character once, in order of appearance', () => {
    expect(findMissingGlyphs('中文 中文 ㄅ', serif)).toEqual(['中', '文', 'ㄅ']);
  });

  it('ignores white space and characters that are never drawn', () => {
    // Ideographic space, tab, newline, soft hyphen, zero-width joiner, left-to-right mark.
    expect(findMissingGlyphs('a\u3000b\tc\nd\u00ade\u200df\u200e', serif)).toEqual([]);
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    expect(findMissingGlyphs('𠜎 ok', serif)).toEqual(['𠜎']);
  });
});

describe('findMissingGlyphsInLetter', () => {
  it('accepts a Russian letter', () => {
    expect(findMissingGlyphsInLetter(letter, fonts)).toEqual([]);
  });

  it('checks every part of the letter, bold and italic included', () => {
    const doc: LetterDocument = {
      ...letter,
      subjectLine: 'Дело 中',
      body: [{ type: 'paragraph', runs: [{ text: 'ок 文', italic: true }] }],
      cc: ['東京'],
    };
    expect(findMissingGlyphsInLetter(doc, fonts)).toEqual(['東', '京', '中', '文']);
  });
});
