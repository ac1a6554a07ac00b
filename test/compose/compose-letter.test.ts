import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeLetter } from '../../src/compose/compose-letter.js';
import type { Block, LetterDocument } from '../../src/letter/letter-document.js';
import { loadAction, type LoadedAction } from '../../src/load/load-action.js';
import type { Signer } from '../../src/load/load-signers.js';
import { planLetters } from '../../src/plan/plan-letters.js';
import type { PlannedLetter } from '../../src/plan/planned-letter.js';
import { renderText } from '../../src/render/render-text.js';
import { loadTemplates } from '../../src/template/load-templates.js';

const ACTION = fileURLToPath(new URL('../../actions/ua-129-10.yaml', import.meta.url));
const templatesDir = (name: string) => fileURLToPath(new URL(`../fixtures/templates/${name}/`, import.meta.url));
const DATE = '2010-09-20';

const signers: Signer[] = ['Anna Müller', 'Tomasz Kowalski'].map((name, i) => ({
  row: i + 1,
  line: i + 2,
  useReturnAddress: false,
  sender: { name, address: [`${i + 1} Park Row`], city: i === 0 ? 'Berlin' : 'Leeds', country: i === 0 ? 'Germany' : 'United Kingdom' },
}));

let source: LoadedAction;
let letters: readonly PlannedLetter[];

beforeAll(async () => {
  const loaded = await loadAction(ACTION, { today: DATE });
  if (!loaded.ok) throw new Error('the example action does not load');
  source = loaded;
  letters = [...planLetters(source, { languages: ['en'], includeCopies: true, signers }).letters];
});

// The letters of signer `row` to the recipient (or copy) at `index` of its kind.
function letterOf(kind: PlannedLetter['kind'], row: number, index = 0): PlannedLetter {
  const found = letters.filter((l) => l.kind === kind && l.signer?.row === row)[index];
  if (!found) throw new Error(`no ${kind} letter for row ${row}`);
  return found;
}

function bodyText(body: readonly Block[]): string {
  return body.map((b) => (b.type === 'paragraph' ? b.runs : b.items.flat()).map((r) => r.text).join('')).join('\n');
}

function compose(letter: PlannedLetter, templates: Awaited<ReturnType<typeof loadTemplates>>): LetterDocument {
  return composeLetter({ letter, templates, sender: letter.sender, date: DATE });
}

describe('composeLetter for many signers', () => {
  it('renders the body once per recipient and shares it, frozen, between signers', async () => {
    const templates = await loadTemplates('en');
    const first = compose(letterOf('recipient', 1), templates);
    const second = compose(letterOf('recipient', 2), templates);
    expect(second.body).toBe(first.body);
    expect(Object.isFrozen(first.body)).toBe(true);
    expect(first.body.every((block) => Object.isFrozen(block))).toBe(true);
    expect(Object.isFrozen(first.recipientLines) && Object.isFrozen(first.cc)).toBe(true);
    expect(second.senderLines).toEqual(['Tomasz Kowalski', '2 Park Row', 'Leeds', 'United Kingdom']);
    expect(second.signatureName).toBe('Tomasz Kowalski');
    expect(second.dateLine).toBe('Leeds, September 20, 2010');
  });

  it('gives the same letter as composing it alone', async () => {
    const templates = await loadTemplates('en');
    compose(letterOf('recipient', 1), templates);
    const shared = compose(letterOf('recipient', 2), templates);
    const alone = compose(letterOf('recipient', 2), await loadTemplates('en'));
    expect(shared).toEqual(alone);
    expect(renderText(shared)).toBe(renderText(structuredClone(alone)));
  });

  it('renders the body for each signer when a template reads the sender', async () => {
    const templates = await loadTemplates('en', templatesDir('reads-sender'));
    const first = compose(letterOf('recipient', 1), templates);
    const second = compose(letterOf('recipient', 2), templates);
    expect(bodyText(first.body)).toContain('on behalf of Anna Müller');
    expect(bodyText(second.body)).toContain('on behalf of Tomasz Kowalski');
    expect(renderText(second)).toContain('on behalf of Tomasz Kowalski');
  });

  it('shares the body of the letters whose templates never reach the sender', async () => {
    const templates = await loadTemplates('en', templatesDir('reads-sender-in-copies'));
    const main = [1, 2].map((row) => compose(letterOf('recipient', row), templates));
    expect(main[1]?.body).toBe(main[0]?.body);
    expect(bodyText(main[0]?.body ?? [])).not.toContain('sends you a copy');
    const copies = [1, 2].map((row) => compose(letterOf('copy', row), templates));
    expect(bodyText(copies[0]?.body ?? [])).toContain('Anna Müller sends you a copy');
    expect(bodyText(copies[1]?.body ?? [])).toContain('Tomasz Kowalski sends you a copy');
  });

  it('composes a letter without a sender after letters with one', async () => {
    const templates = await loadTemplates('en');
    compose(letterOf('recipient', 1), templates);
    const unsigned = composeLetter({ letter: letterOf('recipient', 1), templates, sender: null, date: DATE });
    expect(unsigned.senderLines).toBeNull();
    expect(unsigned.signatureName).toBeNull();
    expect(unsigned.dateLine).toBe('September 20, 2010');
  });
});

describe('renderText of shared parts', () => {
  it('lays out a frozen body once and still gives each signer their own letter', async () => {
    const templates = await loadTemplates('en');
    const texts = [1, 2].map((row) => renderText(compose(letterOf('recipient', row), templates)));
    expect(texts[0]).toContain('Anna Müller');
    expect(texts[0]).not.toContain('Tomasz Kowalski');
    expect(texts[1]).toContain('Tomasz Kowalski');
    // The same letter from unfrozen copies of its parts, laid out afresh.
    const doc = compose(letterOf('recipient', 2), templates);
    expect(renderText(structuredClone(doc))).toBe(texts[1]);
  });
});
