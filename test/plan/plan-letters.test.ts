import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAction, type LoadedAction } from '../../src/load/load-action.js';
import type { Signer } from '../../src/load/load-signers.js';
import { CompactSignerList } from '../../src/load/signer-list.js';
import { planLetters } from '../../src/plan/plan-letters.js';

const ACTION = fileURLToPath(new URL('../../actions/ua-84-11-update-2.yaml', import.meta.url));
const signers: Signer[] = Array.from({ length: 5 }, (_, i) => ({ row: i + 1, line: i + 2, useReturnAddress: false, sender: { name: `Signer ${i + 1}`, city: 'Leeds' } }));

let source: LoadedAction;
beforeAll(async () => {
  const loaded = await loadAction(ACTION, { today: '2012-05-01' });
  if (!loaded.ok) throw new Error('the example action does not load');
  source = loaded;
});

describe('planLetters', () => {
  it('plans one letter per language, recipient and signer, in that order, made when asked for', () => {
    const { letters } = planLetters(source, { languages: 'all', includeCopies: true, signers });
    const recipients = source.action.recipients.length + source.action.copies.length;
    expect(letters.length).toBe(source.action.languages.length * recipients * signers.length);
    const all = [...letters];
    expect(all.map((l) => l.basePath)).toEqual(Array.from({ length: letters.length }, (_, i) => letters.at(i)!.basePath));
    expect(new Set(all.map((l) => l.basePath)).size).toBe(all.length);
    expect(all.slice(0, 6).map((l) => [l.language, l.recipientPath.join('.'), l.signer?.row])).toEqual([
      ['ru', 'recipients.0', 1], ['ru', 'recipients.0', 2], ['ru', 'recipients.0', 3], ['ru', 'recipients.0', 4], ['ru', 'recipients.0', 5], ['ru', 'recipients.1', 1],
    ]);
    expect(all.at(-1)).toMatchObject({ language: 'en', kind: 'copy', signer: { row: 5 } });
    expect(letters.at(letters.length)).toBeUndefined();
    expect(letters.at(-1)).toBeUndefined();
  });

  it('cuts the plan into spans of one recipient in one language that cover every letter once', () => {
    const { letters } = planLetters(source, { languages: 'all', includeCopies: true, signers });
    let next = 0;
    for (const span of letters.spans) {
      expect(span.start).toBe(next);
      expect(span.end - span.start).toBe(signers.length);
      expect(span.first.basePath).toBe(letters.at(span.start)!.basePath);
      for (let i = span.start; i < span.end; i++) expect([letters.at(i)!.language, letters.at(i)!.recipient]).toEqual([span.first.language, span.first.recipient]);
      next = span.end;
    }
    expect(next).toBe(letters.length);
  });

  it('gives the same letters from signers held compactly as from an array', () => {
    const compact = new CompactSignerList();
    for (const s of signers) compact.add(s);
    const fromArray = [...planLetters(source, { languages: ['en'], includeCopies: false, signers }).letters];
    const fromCompact = [...planLetters(source, { languages: ['en'], includeCopies: false, signers: compact }).letters];
    const facts = (l: (typeof fromArray)[number]) => [l.basePath, l.language, l.kind, l.recipient, l.sender, l.signer];
    expect(fromCompact.map(facts)).toEqual(fromArray.map(facts));
  });

  it('plans one letter per recipient without signers, and none for a language the action does not allow', () => {
    const { letters } = planLetters(source, { languages: ['en'], includeCopies: false, sender: { name: 'A. Sender' } });
    expect(letters.length).toBe(source.action.recipients.length);
    expect([...letters].every((l) => l.signer === undefined && l.sender?.name === 'A. Sender')).toBe(true);
    const refused = planLetters(source, { languages: ['fr'], includeCopies: false });
    expect(refused.letters.length).toBe(0);
    expect(refused.diagnostics[0]?.code).toBe('plan/language-not-allowed');
  });
});
