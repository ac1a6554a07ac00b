import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLetters } from '../../src/generate/generate-letters.js';
import type { GenerateOptions } from '../../src/generate/generate-options.js';
import type { Signer } from '../../src/load/load-signers.js';

// UA 84/11: one recipient with a fax and no email, one with both, and posts.
const action = join(import.meta.dirname, '../../actions/ua-84-11-update-2.yaml');
const out = mkdtempSync(join(tmpdir(), 'ua-letter-written-paths-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const signers: Signer[] = Array.from({ length: 5 }, (_, i) => ({
  row: i + 1,
  line: i + 2,
  useReturnAddress: false,
  sender: { name: `Signer ${i + 1}`, address: ['1 Main Street'], postcode: '10115', city: 'Berlin', country: 'Germany' },
}));

const options = (extra: Partial<GenerateOptions>): GenerateOptions => ({
  outDir: out,
  formats: ['txt', 'eml'],
  languages: [],
  date: '2011-03-01',
  today: '2011-03-01',
  sender: null,
  includeCopies: true,
  allowExpired: true,
  force: false,
  dryRun: false,
  signers,
  ...extra,
});

describe("generateLetters: an outcome's files", () => {
  it('lists each file written once, and counts them as it lists them', async () => {
    const result = await generateLetters([action], options({ posts: true }));
    const [outcome] = result.outcomes;
    expect(outcome?.status).toBe('written');
    const files = [...outcome!.files];
    expect(outcome!.files.length).toBe(files.length);
    expect(new Set(files).size).toBe(files.length);
    // Every letter has a text file; only letters to recipients with an email get a draft.
    const texts = files.filter((f) => f.endsWith('.txt') && !f.endsWith('posts.txt'));
    const drafts = files.filter((f) => f.endsWith('.eml'));
    expect(texts.length).toBeGreaterThan(drafts.length);
    expect(drafts.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('/posts.txt'))).toHaveLength(1);
    for (const file of files) expect(existsSync(join(out, file)), file).toBe(true);
    // Walked again, the same paths in the same order.
    expect([...outcome!.files]).toEqual(files);
  });
});
