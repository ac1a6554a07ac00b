import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestLedger } from '../../src/generate/manifest-ledger.js';
import { letterEntry, manifestEntry } from '../../src/generate/manifest.js';
import { loadAction } from '../../src/load/load-action.js';
import type { Signer } from '../../src/load/load-signers.js';
import { planLetters } from '../../src/plan/plan-letters.js';
import type { LetterList, PlannedLetter } from '../../src/plan/planned-letter.js';
import type { SignerList } from '../../src/load/signer-list.js';
import { outputPath } from '../../src/generate/letter-outputs.js';

const ACTION = fileURLToPath(new URL('../../actions/ua-129-10.yaml', import.meta.url));
const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

let plan: LetterList;
let letters: PlannedLetter[];

beforeAll(async () => {
  const loaded = await loadAction(ACTION, { today: '2010-09-20' });
  if (!loaded.ok) throw new Error('the example action does not load');
  const signers: Signer[] = Array.from({ length: 1500 }, (_, i) => ({
    row: i + 1,
    line: i + 2,
    useReturnAddress: false,
    sender: { name: `Signer ${i + 1}`, address: ['1 Main Street'], postcode: '10115', city: 'Berlin', country: 'Germany' },
  }));
  plan = planLetters(loaded, { languages: ['en'], includeCopies: true, signers }).letters;
  letters = [...plan];
});

describe('ManifestLedger', () => {
  it('gives back each file entry as letterEntry makes it, past its first growth', () => {
    const ledger = new ManifestLedger();
    const expected = letters.flatMap((letter, i) => {
      ledger.addFile(plan, i, 'pdf', { pages: (i % 3) + 1, sha256: sha(i % 256) });
      ledger.addFile(plan, i, 'txt', { sha256: sha((i + 7) % 256) });
      return [letterEntry(letter, `${letter.basePath}.pdf`, 'pdf', { pages: (i % 3) + 1, sha256: sha(i % 256) }), letterEntry(letter, `${letter.basePath}.txt`, 'txt', { sha256: sha((i + 7) % 256) })];
    });
    expect(letters.length).toBeGreaterThan(1024);
    expect(ledger.size).toBe(expected.length);
    expect(JSON.stringify([...ledger.sorted()])).toBe(JSON.stringify(expected));
  });

  it('gives back the same entries with its rows spilled to files, and deletes them when disposed of', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-letter-ledger-'));
    try {
      const spillTo = join(dir, 'ledger');
      const inMemory = new ManifestLedger();
      const spilling = new ManifestLedger({ spillTo });
      // Finished out of order, as letters in flight do: each index a few places from its own.
      const order = letters.map((_, i) => i).sort((a, b) => (a ^ 5) - (b ^ 5));
      for (const ledger of [inMemory, spilling]) {
        for (const i of order) {
          ledger.addFile(plan, i, 'pdf', { pages: 1, sha256: sha(i % 256) });
          ledger.addFile(plan, i, 'txt', { sha256: sha((i * 7) % 256) });
        }
        // Then a print file: each letter placed once the one drawn three before it is.
        const file = ledger.namePath('print.pdf');
        const waiting: number[] = [];
        let page = 1;
        for (let k = 0; k < 12_000; k++) {
          waiting.push(ledger.addInside(plan, k % letters.length, file, 'combined-pdf'));
          if (waiting.length > 3) {
            ledger.place(waiting.shift()!, { firstPage: page, pages: 2, blankPagesAfter: k % 2 });
            page += 2 + (k % 2);
          }
        }
        for (const entry of waiting) {
          ledger.place(entry, { firstPage: page, pages: 2, blankPagesAfter: 0 });
          page += 2;
        }
        ledger.setSha(file, sha(3));
      }
      expect(spilling.size).toBeGreaterThan(3 * 4096);
      // Complete chunks of 4,096 rows more than a chunk behind the last are on disk.
      const spilled = Math.floor((spilling.size - 1 - 4096) / 4096);
      expect(statSync(`${spillTo}-index.bin`).size).toBe(spilled * 4096 * 4);
      expect(statSync(`${spillTo}-first-page.bin`).size).toBeGreaterThan(0);
      expect(statSync(`${spillTo}-sha256.bin`).size).toBeGreaterThan(0);
      const expected = JSON.stringify([...inMemory.sorted()]);
      expect(JSON.stringify([...spilling.sorted()])).toBe(expected);
      expect(JSON.stringify([...spilling.sorted()])).toBe(expected);
      spilling.dispose();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sorts by path whatever order the files finished in, and can be walked twice', () => {
    const ledger = new ManifestLedger();
    Array.from({ length: 40 }, (_, i) => 39 - i).forEach((index, i) => ledger.addFile(plan, index, i % 2 ? 'txt' : 'pdf', { sha256: sha(i) }));
    const sorted = ledger.sorted();
    const paths = [...sorted].map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(40);
    expect([...sorted].map((e) => e.path)).toEqual(paths);
  });

  it('names a fax by its own extension', () => {
    const ledger = new ManifestLedger();
    ledger.addFile(plan, 0, 'fax', { pages: 2, sha256: sha(1) });
    expect([...ledger.sorted()][0]!.path).toBe(`${letters[0]!.basePath}.fax.pdf`);
  });

  it('lists letters inside a print file with their pages, cover sheets by their group, and one hash for all', () => {
    const ledger = new ManifestLedger();
    const file = ledger.namePath('print.pdf');
    const cover = ledger.addInside(plan, 0, file, 'combined-pdf', { recipient: 'Minister' });
    const first = ledger.addInside(plan, 0, file, 'combined-pdf');
    const second = ledger.addInside(plan, 1, file, 'combined-pdf');
    // Placements arrive in any order.
    ledger.place(second, { firstPage: 4, pages: 2, blankPagesAfter: 0 });
    ledger.place(cover, { firstPage: 1, pages: 1, blankPagesAfter: 1 });
    ledger.place(first, { firstPage: 3, pages: 1, blankPagesAfter: 0 });
    ledger.setSha(file, sha(9));
    ledger.addEntry(manifestEntry({ ...letterEntry(letters[0]!, 'labels.pdf', 'labels'), kind: 'labels', recipient: '2 labels', sha256: sha(3) }));
    expect([...ledger.sorted()].map((e) => [e.path, e.kind, e.recipient.slice(0, 8), e.firstPage, e.pages, e.blankPagesAfter, e.sha256])).toEqual([
      ['labels.pdf', 'labels', '2 labels', undefined, undefined, undefined, sha(3)],
      ['print.pdf', 'cover', 'Minister', 1, 1, 1, sha(9)],
      ['print.pdf', letters[0]!.kind, letterEntry(letters[0]!, '', '').recipient.slice(0, 8), 3, 1, undefined, sha(9)],
      ['print.pdf', letters[1]!.kind, letterEntry(letters[1]!, '', '').recipient.slice(0, 8), 4, 2, undefined, sha(9)],
    ]);
  });

  it('forgets what came after a checkpoint, and keeps what came before', () => {
    const ledger = new ManifestLedger();
    ledger.addFile(plan, 0, 'txt', { sha256: sha(1) });
    const file = ledger.namePath('print.pdf');
    const mark = ledger.checkpoint();
    ledger.addInside(plan, 0, file, 'combined-pdf', { recipient: 'Minister' });
    ledger.addInside(plan, 1, file, 'combined-pdf');
    ledger.rollback(mark);
    const again = ledger.addInside(plan, 1, file, 'combined-pdf');
    ledger.place(again, { firstPage: 1, pages: 1, blankPagesAfter: 0 });
    ledger.setSha(file, sha(2));
    expect([...ledger.sorted()].map((e) => [e.path, e.kind, e.firstPage])).toEqual([
      ['print.pdf', letters[1]!.kind, 1],
      [`${letters[0]!.basePath}.txt`, letters[0]!.kind, undefined],
    ]);
  });

  it('refuses a hash that is not one', () => {
    expect(() => new ManifestLedger().addFile(plan, 0, 'pdf', { sha256: 'nope' })).toThrow(/SHA-256/);
  });

  it('orders many signers\' files, print files and letters without signers as their paths, rows past 99,999 too', async () => {
    const loaded = await loadAction(fileURLToPath(new URL('../../actions/ua-84-11-update-2.yaml', import.meta.url)), { today: '2012-05-01' });
    if (!loaded.ok) throw new Error('the example action does not load');
    // 100,005 signers, made when asked for: rows 99,999 to 100,005 have more than five digits.
    const many: SignerList = {
      length: 100_005,
      at: (i) => (i >= 0 && i < 100_005 ? { row: i + 1, line: i + 2, useReturnAddress: false, sender: { name: `S${i + 1}` } } : undefined),
      *[Symbol.iterator]() {
        for (let i = 0; i < 100_005; i++) yield this.at(i)!;
      },
    };
    const big = planLetters(loaded, { languages: 'all', includeCopies: true, signers: many }).letters;
    const single = planLetters(loaded, { languages: 'all', includeCopies: true, sender: { name: 'A. Sender' } }).letters;
    const ledger = new ManifestLedger();
    const expected: [string, number][] = [];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const formats = ['pdf', 'txt', 'fax', 'eml'];
    const picks = [...Array.from({ length: 400 }, () => random(big.length)), ...Array.from({ length: big.spans.length }, (_, k) => big.spans[k]!.end - 1 - random(8))];
    for (const index of picks) {
      const format = formats[random(formats.length)]!;
      ledger.addFile(big, index, format, { sha256: sha(index % 256) });
      expected.push([outputPath(big.at(index)!, format), 0]);
    }
    for (let index = 0; index < single.length; index++) {
      ledger.addFile(single, index, 'pdf', { sha256: sha(1) });
      expected.push([outputPath(single.at(index)!, 'pdf'), 0]);
    }
    for (const name of ['print.pdf', 'ua-84-11-update-2/print.pdf', 'ua-84-11-update-2/ru/01-a.pdf']) {
      const file = ledger.namePath(name);
      for (let k = 0; k < 30; k++) {
        const page = random(10_000) + 1;
        ledger.place(ledger.addInside(big, random(big.length), file, 'combined-pdf'), { firstPage: page, pages: 1, blankPagesAfter: 0 });
        expected.push([name, page]);
      }
      ledger.setSha(file, sha(2));
    }
    expected.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    expect([...ledger.sorted()].map((e) => [e.path, e.firstPage ?? 0])).toEqual(expected);
    expect(expected.some(([path]) => /signer-1\d{5}\./.test(path))).toBe(true);
  });
});
