import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import type { TemplateContext } from '../../src/letter/template-context.js';
import { formatLongDate } from '../../src/template/format-long-date.js';
import { fillPlaceholders } from '../../src/template/letter-strings.js';
import { loadTemplates } from '../../src/template/load-templates.js';
import { lowercaseAfterSalutation } from '../../src/template/lowercase-after-salutation.js';
import { STRONG_OPEN } from '../../src/template/markup-markers.js';

describe('formatLongDate', () => {
  it.each([
    ['en', '2010-10-01', 'October 1, 2010'],
    ['en-GB', '2010-10-01', '1 October 2010'],
    ['fr', '2010-10-01', '1er octobre 2010'],
    ['fr', '2010-10-29', '29 octobre 2010'],
    ['de', '2010-10-01', '1. Oktober 2010'],
    ['es', '2010-10-01', '1 de octubre de 2010'],
    ['ru', '2010-10-01', '1 октября 2010\u00a0г.'],
  ])('%s %s → %s', (language, date, expected) => {
    expect(formatLongDate(date, language)).toBe(expected);
  });

  it('rejects dates that do not exist', () => {
    expect(() => formatLongDate('2010-02-30', 'en')).toThrow(/YYYY-MM-DD/);
    expect(() => formatLongDate('1 October 2010', 'en')).toThrow(/YYYY-MM-DD/);
  });
});

describe('lowercaseAfterSalutation', () => {
  it('lowers a German function word and nothing else', () => {
    expect(lowercaseAfterSalutation('Ich schreibe Ihnen', 'de')).toBe('ich schreibe Ihnen');
    expect(lowercaseAfterSalutation('\n  Mit großer Sorge', 'de-AT')).toBe('\n  mit großer Sorge');
    expect(lowercaseAfterSalutation(`${STRONG_OPEN}Die Männer`, 'de')).toBe(`${STRONG_OPEN}die Männer`);
    expect(lowercaseAfterSalutation('Sie haben', 'de')).toBe('Sie haben');
    expect(lowercaseAfterSalutation('Folter ist', 'de')).toBe('Folter ist');
    expect(lowercaseAfterSalutation('UNO-Berichte', 'de')).toBe('UNO-Berichte');
    expect(lowercaseAfterSalutation('I am writing', 'en')).toBe('I am writing');
  });
});

describe('fillPlaceholders', () => {
  it('fills every placeholder and refuses one without a value', () => {
    expect(fillPlaceholders('Page {n} of {m}', { n: 2, m: 3 })).toBe('Page 2 of 3');
    expect(() => fillPlaceholders('Page {n} of {m}', { n: 2 })).toThrow(/\{m\}/);
    expect(() => fillPlaceholders('{constructor}', {})).toThrow(/\{constructor\}/);
  });
});

describe('helper errors', () => {
  it('are placed at the helper call in the template', async () => {
    const fixtures = new URL('../fixtures/templates/', import.meta.url);
    const set = await loadTemplates('en', fileURLToPath(new URL('helper-misuse', fixtures)));
    const context = JSON.parse(
      await readFile(new URL('contexts/ua-129-10.en.json', fixtures), 'utf8'),
    ) as TemplateContext;
    let error: unknown;
    try {
      set.renderMarkup(context);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UaError);
    expect((error as UaError).diagnostics[0]).toMatchObject({ code: 'template/render-error', line: 2, column: 3 });
    expect((error as UaError).message).toMatch(/helper "date": expected a date written YYYY-MM-DD/);
  });
});
