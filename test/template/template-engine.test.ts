import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import type { Block, TextRun } from '../../src/letter/letter-document.js';
import type { TemplateContext } from '../../src/letter/template-context.js';
import { loadTemplates } from '../../src/template/load-templates.js';
import { renderLetterBody } from '../../src/template/template-engine.js';
import { letterStrings } from '../../src/template/template-set.js';

const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

async function sampleContext(language: string): Promise<TemplateContext> {
  const file = new URL(`../fixtures/templates/contexts/ua-129-10.${language}.json`, import.meta.url);
  return JSON.parse(await readFile(file, 'utf8')) as TemplateContext;
}

function text(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

function paragraphs(body: readonly Block[]): string[] {
  return body.flatMap((block) => (block.type === 'paragraph' ? [text(block.runs)] : []));
}

function listItems(body: readonly Block[]): string[] {
  return body.flatMap((block) => (block.type === 'list' ? block.items.map(text) : []));
}

async function failure(promise: Promise<unknown>): Promise<UaError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UaError);
  return error as UaError;
}

function renderFailure(render: () => unknown): UaError {
  try {
    render();
  } catch (error) {
    expect(error).toBeInstanceOf(UaError);
    return error as UaError;
  }
  throw new Error('expected rendering to fail');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('built-in templates', () => {
  const cases = [
    { language: 'en', salutation: 'Dear Minister,', intro: 'As a matter of priority I urge you:', close: 'Yours sincerely,' },
    {
      language: 'fr',
      salutation: 'Monsieur le Ministre,',
      intro: 'Je vous demande instamment de\u00a0:',
      close: 'Veuillez agréer, Monsieur le Ministre, l’expression de ma haute considération.',
    },
    { language: 'de', salutation: 'Sehr geehrter Herr Minister,', intro: 'Ich fordere Sie eindringlich auf:', close: 'Mit freundlichen Grüßen' },
    { language: 'ru', salutation: 'Уважаемый господин министр!', intro: 'Призываю Вас:', close: 'С уважением,' },
    { language: 'es', salutation: 'Señor Ministro:', intro: 'Le insto a:', close: 'Atentamente,' },
  ];

  it.each(cases)('$language: salutation, demands as a list, closing paragraph and complimentary close', async (c) => {
    const context = await sampleContext(c.language);
    const body = renderLetterBody(await loadTemplates(c.language), context);
    const texts = paragraphs(body);
    expect(texts[0]).toBe(c.salutation);
    expect(texts).toContain(c.intro);
    expect(listItems(body)).toEqual(context.letter.demands);
    expect(texts.at(-2)).toBe(context.letter.closing?.replace(/\s*\n\s*/g, ' '));
    expect(texts.at(-1)).toBe(c.close);
    // The demands follow their introduction directly.
    const introIndex = body.findIndex((b) => b.type === 'paragraph' && text(b.runs) === c.intro);
    expect(body[introIndex + 1]?.type).toBe('list');
  });

  it('reflows opening paragraphs hard-wrapped in the action file and keeps their paragraph breaks', async () => {
    const context = await sampleContext('ru');
    const texts = paragraphs(renderLetterBody(await loadTemplates('ru'), context));
    expect(texts[1]).toMatch(/^Я обращаюсь к Вам в связи с положением 29 этнических узбеков — беженцев и просителей убежища,/);
    expect(texts[2]).toMatch(/^Пытки в Узбекистане/);
    expect(texts.every((t) => !t.includes('\n'))).toBe(true);
  });

  it('de: continues the sentence after the salutation in lower case, but never lowers a noun', async () => {
    const set = await loadTemplates('de');
    const context = await sampleContext('de');
    expect(paragraphs(renderLetterBody(set, context))[1]).toMatch(/^ich wende mich an Sie/);
    const noun = { ...context, letter: { ...context.letter, opening: 'Folter ist in Usbekistan weit verbreitet.' } };
    expect(paragraphs(renderLetterBody(set, noun))[1]).toBe('Folter ist in Usbekistan weit verbreitet.');
    const onlyDemands = { ...context, letter: { demands: context.letter.demands } };
    expect(paragraphs(renderLetterBody(set, onlyDemands))[1]).toBe('ich fordere Sie eindringlich auf:');
  });

  it('uses the demands introduction of the action when there is one, and leaves out an empty list', async () => {
    const set = await loadTemplates('en');
    const context = await sampleContext('en');
    const none = renderLetterBody(set, { ...context, letter: { ...context.letter, demands: [] } });
    expect(none.some((b) => b.type === 'list')).toBe(false);
    expect(paragraphs(none)).not.toContain('I urge you to:');
    const defaultIntro = renderLetterBody(set, { ...context, letter: { demands: ['free them.'] } });
    expect(paragraphs(defaultIntro)).toEqual(['Dear Minister,', 'I urge you to:', 'Yours sincerely,']);
  });

  it('adds punctuation only when the salutation has none of its own', async () => {
    const set = await loadTemplates('en');
    const context = await sampleContext('en');
    const american = { ...context, recipient: { ...context.recipient, salutation: 'Dear Minister:' } };
    expect(paragraphs(renderLetterBody(set, american))[0]).toBe('Dear Minister:');
    const none = { ...context, recipient: { ...context.recipient, salutation: '' } };
    const texts = paragraphs(renderLetterBody(set, none));
    expect(texts[0]).toBe('Dear Sir or Madam,');
    expect(texts.at(-1)).toBe('Yours faithfully,');
  });

  it('copy: says which authorities the appeal went to, joined with the language\'s "and"', async () => {
    const expected: Record<string, string> = {
      en: 'This is a copy of the appeal I have sent to Serik Baimaganbetov (Minister of Internal Affairs) and Kanat Saudabayev (Minister of Foreign Affairs).',
      ru: 'Направляю Вам для сведения копию своего обращения к следующим адресатам: Серик Баймаганбетов (Министр внутренних дел) и Канат Саудабаев (Министр иностранных дел).',
      de: 'zu Ihrer Information erhalten Sie eine Kopie meines Schreibens an folgende Empfänger: Serik Baimaganbetow (Innenminister) und Kanat Saudabajew (Außenminister).',
    };
    for (const [language, sentence] of Object.entries(expected)) {
      const context = { ...(await sampleContext(language)), kind: 'copy' as const };
      expect(paragraphs(renderLetterBody(await loadTemplates(language), context))[1]).toBe(sentence);
    }
  });

  it('diplomatic: asks the embassy to forward the concerns, and French uses the diplomatic formula', async () => {
    const context = await sampleContext('fr');
    const embassy = {
      ...context,
      kind: 'diplomatic' as const,
      recipient: { organisation: 'Ambassade du Kazakhstan', salutation: '' },
    };
    const texts = paragraphs(renderLetterBody(await loadTemplates('fr'), embassy));
    expect(texts[0]).toBe('Excellence,');
    expect(texts[1]).toMatch(/^Je vous saurais gré de bien vouloir transmettre à votre gouvernement/);
    expect(texts.at(-1)).toBe('Veuillez agréer, Excellence, l’assurance de ma très haute considération.');
  });

  it('provides the strings renderers lay out around the body', async () => {
    expect(letterStrings(await loadTemplates('fr')).ccLabel).toBe('Copie à\u00a0:');
    expect(letterStrings(await loadTemplates('ru')).pageLabel).toBe('Страница {n} из {m}');
    expect(letterStrings(await loadTemplates('de')).subjectPrefix).toBe('');
    expect(letterStrings(await loadTemplates('es')).diplomaticSalutation).toBe('Excelencia');
  });

  it('falls back from a regional tag to the language, keeping the tag for formatting', async () => {
    const set = await loadTemplates('de-CH');
    expect(set.language).toBe('de-CH');
    expect(set.files['letter']).toMatch(/templates[\\/]de[\\/]letter\.hbs$/);
  });
});

describe('helpers', () => {
  it('mark bold and italic, format dates and lists in the letter language, fill strings', async () => {
    const set = await loadTemplates('en', `${fixtures}helpers`);
    const context = await sampleContext('en');
    const body = renderLetterBody(set, context);
    expect(body[1]).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'UA 129/10', bold: true },
        { text: ' of September 17, 2010: ' },
        { text: 'Uzbeks at risk of forcible return', italic: true },
        { text: ' (Dear Minister)' },
      ],
    });
    expect(paragraphs(body).slice(2)).toEqual([
      'Serik Baimaganbetov (Minister of Internal Affairs) and Kanat Saudabayev (Minister of Foreign Affairs)',
      'Page 1 of 2',
    ]);
    const russian = renderLetterBody(set, { ...(await sampleContext('ru')), language: 'ru' });
    expect(paragraphs(russian)[1]).toContain('17 сентября 2010\u00a0г.');
    expect(paragraphs(russian)[2]).toBe('Серик Баймаганбетов (Министр внутренних дел) и Канат Саудабаев (Министр иностранных дел)');
  });
});

describe('overrides', () => {
  it('replace a partial by name and keep the other built-in templates', async () => {
    const set = await loadTemplates('en', `${fixtures}override-closing`);
    expect(set.files['closing']).toMatch(/override-closing[\\/]en[\\/]closing\.hbs$/);
    expect(set.files['demands']).toMatch(/templates[\\/]en[\\/]demands\.hbs$/);
    const texts = paragraphs(renderLetterBody(set, await sampleContext('en')));
    expect(texts.at(-1)).toBe('Kind regards,');
    expect(texts).not.toContain('Yours sincerely,');
  });

  it('replace single strings and keep the rest', async () => {
    const strings = letterStrings(await loadTemplates('fr', `${fixtures}override-strings`));
    expect(strings.ccLabel).toBe('Copies\u00a0:');
    expect(strings.pageLabel).toBe('Page {n} sur {m}');
  });

  it('may bring a language that has no built-in templates', async () => {
    const set = await loadTemplates('nl', `${fixtures}overrides-only-language`);
    const context = { ...(await sampleContext('en')), language: 'nl', recipient: { salutation: 'Geachte minister' } };
    expect(paragraphs(renderLetterBody(set, context))).toEqual([
      'Geachte minister,',
      'Ik schrijf u over UA 129/10.',
      'Hoogachtend,',
    ]);
  });

  it('must be an existing folder', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}no-such-folder`));
    expect(error.code).toBe('template/overrides-not-found');
    expect(error.exitCode).toBe(2);
  });
});

describe('template errors', () => {
  it('an unsupported language is template/missing-language', async () => {
    const error = await failure(loadTemplates('xx'));
    expect(error.code).toBe('template/missing-language');
    expect(error.message).toContain('en, es, fr, ru');
    expect((await failure(loadTemplates('../en'))).code).toBe('template/missing-language');
  });

  it('an unknown helper fails at load time, naming the template file, line and column', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}unknown-helper`));
    expect(error.code).toBe('template/unknown-helper');
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'template/unknown-helper',
        file: expect.stringMatching(/unknown-helper[\\/]en[\\/]closing\.hbs$/),
        line: 2,
        column: 1,
      }),
    ]);
    expect(error.diagnostics[0]?.message).toContain('"shout"');
  });

  it('Handlebars\' lookup and log helpers are not available either', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}builtin-lookup`));
    expect(error.code).toBe('template/unknown-helper');
    expect(error.diagnostics[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('a syntax error points at the offending token', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}syntax-error`));
    expect(error.code).toBe('template/syntax-error');
    expect(error.diagnostics[0]).toMatchObject({ line: 5, column: 9 });
    expect(error.diagnostics[0]?.file).toMatch(/syntax-error[\\/]en[\\/]demands\.hbs$/);
  });

  it('a partial with no template fails at load time', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}missing-partial`));
    expect(error.code).toBe('template/missing-partial');
    expect(error.diagnostics[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('a strings.json missing a placeholder is template/invalid-strings', async () => {
    const error = await failure(loadTemplates('en', `${fixtures}bad-strings`));
    expect(error.code).toBe('template/invalid-strings');
    expect(error.message).toContain('pageLabel');
    expect(error.diagnostics[0]?.file).toMatch(/bad-strings[\\/]en[\\/]strings\.json$/);
  });

  it('a field missing from the context fails under strict mode, in the partial that reads it', async () => {
    const set = await loadTemplates('en', `${fixtures}missing-field`);
    const context = await sampleContext('en');
    const error = renderFailure(() => renderLetterBody(set, context));
    expect(error.code).toBe('template/render-error');
    expect(error.diagnostics[0]).toMatchObject({ line: 3, column: 3 });
    expect(error.diagnostics[0]?.file).toMatch(/missing-field[\\/]en[\\/]closing\.hbs$/);
    expect(error.diagnostics[0]?.message).toContain('"nickname"');
  });
});

describe('prototype access', () => {
  it('renders nothing for constructor and __proto__, and does not log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const set = await loadTemplates('en', `${fixtures}prototype-access`);
    expect(set.renderMarkup(await sampleContext('en'))).toBe('[][][][][][]\n');
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('fails rather than walk the prototype chain', async () => {
    const set = await loadTemplates('en', `${fixtures}prototype-chain`);
    const context = await sampleContext('en');
    const error = renderFailure(() => set.renderMarkup(context));
    expect(error.code).toBe('template/render-error');
    expect(error.diagnostics[0]).toMatchObject({ line: 3 });
    expect(error.message).not.toContain('function');
  });
});
