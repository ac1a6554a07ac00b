import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_PLANNED } from '../../src/generate/batch-planned.js';
import { generateLetters } from '../../src/generate/generate-letters.js';
import type { GenerateOptions } from '../../src/generate/generate-options.js';
import type { Signer } from '../../src/load/load-signers.js';

const actions = join(import.meta.dirname, '../../actions');

const options = (signers?: GenerateOptions['signers']): GenerateOptions => ({
  outDir: '/nonexistent/ua-letter-dry-run',
  formats: ['txt'],
  languages: [],
  date: '2010-09-20',
  today: '2010-09-20',
  sender: null,
  includeCopies: false,
  allowExpired: true,
  force: false,
  dryRun: true,
  ...(signers ? { signers } : {}),
});

async function plannedLetters(run: GenerateOptions): Promise<number[]> {
  const seen: number[] = [];
  const listener = (message: unknown) => seen.push((message as { letters: number }).letters);
  subscribe(BATCH_PLANNED, listener);
  try {
    await generateLetters([join(actions, 'ua-129-10.yaml')], run);
  } finally {
    unsubscribe(BATCH_PLANNED, listener);
  }
  return seen;
}

describe('generateLetters: the batch-planned channel', () => {
  it('says how many letters the run plans, before writing any', async () => {
    // UA 129/10 writes to two recipients.
    expect(await plannedLetters(options())).toEqual([2]);
    const signers: Signer[] = Array.from({ length: 150 }, (_, i) => ({ row: i + 1, line: i + 2, sender: { name: `Signer ${i}`, address: ['1 Main Street'], city: 'Berlin', postcode: '10115', country: 'Germany' }, useReturnAddress: false }));
    expect(await plannedLetters(options(signers))).toEqual([300]);
  });
});
