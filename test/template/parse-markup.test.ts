import { describe, expect, it } from 'vitest';
import { EM_CLOSE, EM_OPEN, HARD_BREAK, STRONG_CLOSE, STRONG_OPEN, wrapInMarkers } from '../../src/template/markup-markers.js';
import { parseMarkup } from '../../src/template/parse-markup.js';

describe('parseMarkup', () => {
  it('joins the lines of a paragraph with one space, so hard-wrapped YAML text reflows', () => {
    expect(parseMarkup('The men were arrested\n  on 9 June   in Almaty.  \n')).toEqual([
      { type: 'paragraph', runs: [{ text: 'The men were arrested on 9 June in Almaty.' }] },
    ]);
  });

  it('separates paragraphs at one or more blank lines, ignoring blank lines at either end', () => {
    expect(parseMarkup('\n\nDear Minister,\n\n\n  \nI am writing\nto you.\n\n')).toEqual([
      { type: 'paragraph', runs: [{ text: 'Dear Minister,' }] },
      { type: 'paragraph', runs: [{ text: 'I am writing to you.' }] },
    ]);
  });

  it('turns a line ending with the hard-break marker into a hard line break, and keeps a backslash as text', () => {
    expect(parseMarkup(`Ministry of Internal Affairs ${HARD_BREAK}\nul. Manasa, 4${HARD_BREAK}\nAstana`)).toEqual([
      { type: 'paragraph', runs: [{ text: 'Ministry of Internal Affairs\nul. Manasa, 4\nAstana' }] },
    ]);
    expect(parseMarkup('Write to C:\\letters\\\nnow')).toEqual([{ type: 'paragraph', runs: [{ text: 'Write to C:\\letters\\ now' }] }]);
  });

  it('reads a paragraph starting with "- " or "• " as a list, joining continuation lines to their item', () => {
    const markup = ['- release the men', '  unless they are charged;', '• give them access', '- to lawyers.'].join('\n');
    expect(parseMarkup(`I urge you to:\n\n${markup}\n\nThank you.`)).toEqual([
      { type: 'paragraph', runs: [{ text: 'I urge you to:' }] },
      {
        type: 'list',
        items: [
          [{ text: 'release the men unless they are charged;' }],
          [{ text: 'give them access' }],
          [{ text: 'to lawyers.' }],
        ],
      },
      { type: 'paragraph', runs: [{ text: 'Thank you.' }] },
    ]);
  });

  it('keeps a dash inside a paragraph as text: only a first line makes a list', () => {
    expect(parseMarkup('Thirty men\n- all refugees -\nwere detained.')).toEqual([
      { type: 'paragraph', runs: [{ text: 'Thirty men - all refugees - were detained.' }] },
    ]);
  });

  it('reads bold and italic only from the private markers, nested or across lines', () => {
    const markup = `UA ${STRONG_OPEN}129/10 ${EM_OPEN}update${EM_CLOSE}${STRONG_CLOSE}\nand ${EM_OPEN}more\ntext${EM_CLOSE}.`;
    expect(parseMarkup(markup)).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'UA ' },
          { text: '129/10 ', bold: true },
          { text: 'update', bold: true, italic: true },
          { text: ' and ' },
          { text: 'more text', italic: true },
          { text: '.' },
        ],
      },
    ]);
  });

  it('carries a style across paragraphs, as {{#em}} around a multi-paragraph field needs', () => {
    expect(parseMarkup(`${EM_OPEN}One.\n\nTwo.${EM_CLOSE}`)).toEqual([
      { type: 'paragraph', runs: [{ text: 'One.', italic: true }] },
      { type: 'paragraph', runs: [{ text: 'Two.', italic: true }] },
    ]);
  });

  it('leaves asterisks and underscores from data alone', () => {
    const text = 'Write to ua_desk@example.org or see https://example.org/a_b/*c* and **this**.';
    expect(parseMarkup(text)).toEqual([{ type: 'paragraph', runs: [{ text }] }]);
  });

  it('ignores an unbalanced closing marker instead of failing', () => {
    expect(parseMarkup(`a${STRONG_CLOSE}b`)).toEqual([{ type: 'paragraph', runs: [{ text: 'ab' }] }]);
  });

  it('normalizes CRLF line endings and tabs', () => {
    expect(parseMarkup('a\tb\r\nc\r\n\r\nd')).toEqual([
      { type: 'paragraph', runs: [{ text: 'a b c' }] },
      { type: 'paragraph', runs: [{ text: 'd' }] },
    ]);
  });
});

describe('wrapInMarkers', () => {
  it('keeps surrounding whitespace and line breaks outside the markers', () => {
    expect(wrapInMarkers('\n  text \n', STRONG_OPEN, STRONG_CLOSE)).toBe(`\n  ${STRONG_OPEN}text${STRONG_CLOSE} \n`);
    expect(wrapInMarkers('  ', STRONG_OPEN, STRONG_CLOSE)).toBe('  ');
  });
});
