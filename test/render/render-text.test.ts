import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { LetterDocument } from '../../src/letter/letter-document.js';
import type { TemplateContext } from '../../src/letter/template-context.js';
import { renderText, TEXT_LINE_WIDTH } from '../../src/render/render-text.js';
import { displayWidth, wrapText } from '../../src/render/wrap-text.js';
import { formatLongDate } from '../../src/template/format-long-date.js';
import { loadTemplates } from '../../src/template/load-templates.js';
import { renderLetterBody } from '../../src/template/template-engine.js';
import { letterStrings } from '../../src/template/template-set.js';

async function sampleLetter(language: string): Promise<LetterDocument> {
  const file = new URL(`../fixtures/templates/contexts/ua-129-10.${language}.json`, import.meta.url);
  const context = JSON.parse(await readFile(file, 'utf8')) as TemplateContext;
  const set = await loadTemplates(language);
  const strings = letterStrings(set);
  const { recipient, sender } = context;
  return {
    language,
    direction: 'ltr',
    title: `UA 129/10: ${recipient.name ?? ''}`,
    subject: context.action.title,
    senderLines: [sender?.name ?? '', '12 Park Row', sender?.city ?? ''],
    returnAddress: '',
    dateLine: `${sender?.city ?? ''}, ${formatLongDate(context.date, language)}`,
    recipientLines: [recipient.title ?? '', recipient.name ?? '', recipient.organisation ?? '', 'ul. Manasa, 4', 'Astana 01000', 'KAZAKHSTAN'],
    recipientShort: recipient.name ?? '',
    reference: `${strings.referencePrefix} UA 129/10 (EUR 57/004/2010)`,
    subjectLine: `${strings.subjectPrefix} ${context.letter.subject ?? ''}`.trim(),
    body: renderLetterBody(set, context),
    signatureName: sender?.name ?? null,
    ccLabel: strings.ccLabel,
    cc: ['Mami Kairat, Prosecutor General of Kazakhstan', 'Embassy of Kazakhstan'],
    pageLabel: strings.pageLabel,
  };
}

function expectPlainTextRules(text: string): void {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.endsWith('\n\n')).toBe(false);
  expect(text).not.toMatch(/\r|\u00ad/);
  for (const line of text.slice(0, -1).split('\n')) {
    expect(displayWidth(line), line).toBeLessThanOrEqual(TEXT_LINE_WIDTH);
    expect(line, 'trailing space').toBe(line.trimEnd());
  }
}

describe('renderText', () => {
  it.each(['en', 'ru', 'fr', 'de', 'es'])('%s: no line over 72 columns, no trailing space, one final newline', async (language) => {
    expectPlainTextRules(renderText(await sampleLetter(language)));
  });

  it('lays out sender, date, recipient, reference and subject, body, signature and copies in order', async () => {
    const text = renderText(await sampleLetter('en'));
    const expectedStart = [
      'Jane Whitfield',
      '12 Park Row',
      'Leeds',
      '',
      'Leeds, October 1, 2010',
      '',
      'Minister of Internal Affairs',
      'Serik Baimaganbetov',
      'Ministry of Internal Affairs',
      'ul. Manasa, 4',
      'Astana 01000',
      'KAZAKHSTAN',
      '',
      'Ref: UA 129/10 (EUR 57/004/2010)',
      'Re: 29 Uzbek refugees and asylum-seekers at risk of forcible return',
      '',
      'Dear Minister,',
      '',
      'I am writing to you about the 29 ethnic Uzbek refugees and',
      'asylum-seekers who were detained in Almaty on 9 June 2010 and whom the',
      "General Prosecutor's Office has decided to extradite to Uzbekistan.",
      '',
    ].join('\n');
    expect(text.startsWith(expectedStart)).toBe(true);
    expect(text).toContain(
      [
        'As a matter of priority I urge you:',
        '',
        '- not to forcibly return any of the refugees or asylum-seekers to',
        '  Uzbekistan, where they would face torture and other serious human',
        '  rights violations;',
        "- to fulfil Kazakhstan's obligations under international law, including",
      ].join('\n'),
    );
    expect(text.endsWith(
      [
        'Yours sincerely,',
        '',
        '',
        '',
        'Jane Whitfield',
        '',
        'cc: Mami Kairat, Prosecutor General of Kazakhstan',
        '    Embassy of Kazakhstan',
        '',
      ].join('\n'),
    )).toBe(true);
  });

  it('keeps data asterisks and underscores, drops bold and italic to plain text', async () => {
    const letter = await sampleLetter('en');
    const text = renderText({
      ...letter,
      body: [{ type: 'paragraph', runs: [{ text: 'UA ' }, { text: '129/10', bold: true }, { text: ' *urgent*', italic: true }] }],
    });
    expect(text).toContain('\nUA 129/10 *urgent*\n');
    expect(renderText(letter)).toContain('\nua-desk_2010@example.org or https://example.org/ua/129_10 *any time*.\n');
  });

  it('leaves room for a hand-written address and signature', async () => {
    const text = renderText({ ...(await sampleLetter('ru')), senderLines: null, signatureName: null, cc: [] });
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['_'.repeat(36), '_'.repeat(36), '_'.repeat(36), '']);
    expect(lines.slice(-6)).toEqual(['С уважением,', '', '', '', '_'.repeat(36), '']);
  });

  it('wraps a Russian letter with hanging indents and keeps the date whole', async () => {
    const text = renderText(await sampleLetter('ru'));
    expect(text).toContain('Санкт-Петербург, 1 октября 2010\u00a0г.\n');
    expect(text).toContain('\n\nУважаемый господин министр!\n\n');
    const items = text.split('\n').filter((line) => line.startsWith('- '));
    expect(items).toHaveLength(3);
    const afterFirstItem = text.split('\n- не допустить')[1]?.split('\n')[1];
    expect(afterFirstItem).toMatch(/^ {2}\S/);
    expect(text).toContain('Копии: Mami Kairat, Prosecutor General of Kazakhstan\n       Embassy of Kazakhstan\n');
  });

  it('is deterministic', async () => {
    const letter = await sampleLetter('fr');
    expect(renderText(letter)).toBe(renderText(letter));
  });
});

describe('wrapText', () => {
  it('counts code points, not UTF-16 units', () => {
    const word = '𝔘'.repeat(10); // 10 code points, 20 UTF-16 units
    const lines = wrapText(Array<string>(7).fill(word).join(' '), 72);
    expect(lines[0]?.split(' ')).toHaveLength(6);
    expect(displayWidth(lines[0] ?? '')).toBe(65);
  });

  it('gives combining marks and soft hyphens no width', () => {
    expect(displayWidth('и\u0306')).toBe(1);
    expect(displayWidth('Men\u00adschen')).toBe(8);
  });

  it('keeps a word longer than the line whole, on its own line', () => {
    const url = `https://example.org/${'a'.repeat(80)}`;
    expect(wrapText(`see ${url} now`, 72)).toEqual(['see', url, 'now']);
  });

  it('breaks only at ASCII spaces, never at no-break spaces, and never before a spaced dash', () => {
    const lines = wrapText(`${'x'.repeat(66)} Objet\u00a0: a`, 72);
    expect(lines).toEqual(['x'.repeat(66), 'Objet\u00a0: a']);
    expect(wrapText(`${'x'.repeat(70)} — y`, 72)).toEqual([`${'x'.repeat(70)} —`, 'y']);
  });

  it('honours hard breaks and hanging indents', () => {
    expect(wrapText('one two\nthree', 8, { first: '- ', rest: '  ' })).toEqual(['- one', '  two', '  three']);
  });
});

describe('renderText cleaning', () => {
  it('strips soft hyphens and writes LF only', async () => {
    const letter = await sampleLetter('de');
    const text = renderText({
      ...letter,
      body: [{ type: 'paragraph', runs: [{ text: 'Menschen\u00adrechts\u00adverletzungen\r\nenden' }] }],
    });
    expect(text).toContain('\nMenschenrechtsverletzungen\nenden\n');
    expectPlainTextRules(text);
  });
});

describe('wrapText on text that needs no breaking', () => {
  it.each([
    ['one line', 'a b c', 72, { first: '- ', rest: '  ' }, ['- a b c']],
    ['exactly the width', 'x'.repeat(70), 72, { first: '- ' }, [`- ${'x'.repeat(70)}`]],
    ['one column too wide', `${'x'.repeat(71)} y`, 72, {}, ['x'.repeat(71), 'y']],
    ['runs of spaces', 'a  b', 72, {}, ['a b']],
    ['spaces at the ends', ' a b ', 72, {}, ['a b']],
    ['empty', '', 72, { first: '- ' }, ['']],
    ['a spaced dash', 'a — b', 72, {}, ['a — b']],
  ])('%s', (_name, text, width, indent, expected) => {
    expect(wrapText(text, width, indent)).toEqual(expected);
  });
});
