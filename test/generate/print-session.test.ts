import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as fromSources from '../../src/generate/print-session.js';
import type { PrintItem, PrintSession, PrintSessionOptions } from '../../src/generate/print-session.js';
import { arabic, english, long, russian } from '../helpers/letter-documents.js';
import { extractPdfTextItems, readPdfInfo } from '../helpers/pdf.js';

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-print-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The worker thread runs the built file (dist/), as the CLI does; `npm install` builds it.
const built = join(import.meta.dirname, '../../dist/generate/print-session.js');
const fromBuild = existsSync(built) ? ((await import(built)) as typeof fromSources) : undefined;

const items: PrintItem[] = [
  { kind: 'cover', cover: { heading: 'Letters to Serik Baimaganbetov', recipientLines: english.recipientLines, rows: [{ label: 'Letters', value: '4' }] } },
  { kind: 'letter', doc: english },
  { kind: 'letter', doc: long },
  { kind: 'letter', doc: russian },
  { kind: 'letter', doc: arabic },
];

const base = { paper: 'a4', fonts: {}, date: '2010-10-01', title: 'print file' } as const;
const settings = (file: string, duplex: boolean): PrintSessionOptions => ({ file, ...base, duplex });

async function print(open: (options: PrintSessionOptions) => Promise<PrintSession>, name: string, duplex: boolean) {
  const file = join(tmp, name);
  const session = await open(settings(file, duplex));
  // Added all at once, as the batch does: they are drawn in turn all the same.
  const placements = await Promise.all(items.map((item) => session.add(item)));
  const { sha256 } = await session.end();
  return { file, bytes: readFileSync(file), placements, sha256 };
}

describe('print sessions', () => {
  it('places each item on new pages, a front side with duplex, and hashes the file it wrote', async () => {
    const { bytes, placements, sha256 } = await print(fromSources.openPrintSession, 'duplex.pdf', true);
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    for (const [i, p] of placements.entries()) {
      expect(p.firstPage % 2).toBe(1);
      expect((p.pages + p.blankPagesAfter) % 2).toBe(0);
      if (i > 0) expect(p.firstPage).toBe(placements[i - 1]!.firstPage + placements[i - 1]!.pages + placements[i - 1]!.blankPagesAfter);
    }
    const last = placements.at(-1)!;
    expect((await readPdfInfo(bytes)).pages).toBe(last.firstPage + last.pages + last.blankPagesAfter - 1);
    const text = await extractPdfTextItems(bytes);
    const onPage = (page: number) => text.filter((item) => item.page === page).map((item) => item.text).join(' ');
    expect(onPage(placements[1]!.firstPage)).toContain('Dear Minister');
    expect(onPage(placements[3]!.firstPage)).toContain('Уважаемый');
  });

  it('adds no blank pages without duplex', async () => {
    const { placements } = await print(fromSources.openPrintSession, 'simplex.pdf', false);
    expect(placements.every((p) => p.blankPagesAfter === 0)).toBe(true);
    expect(placements.map((p) => p.firstPage)).toEqual(placements.map((_, i) => 1 + placements.slice(0, i).reduce((n, p) => n + p.pages, 0)));
  });

  it('writes the same bytes in a worker thread as in this one', { skip: !fromBuild }, async () => {
    const here = await print(fromSources.openPrintSession, 'here.pdf', true);
    const there = await print((options) => fromBuild!.openPrintSessionInWorker(options), 'worker.pdf', true);
    expect(there.placements).toEqual(here.placements);
    expect(there.sha256).toBe(here.sha256);
    expect(there.bytes.equals(here.bytes)).toBe(true);
  });

  it('refuses to write over an existing file, from a worker too', { skip: !fromBuild }, async () => {
    const file = join(tmp, 'taken.pdf');
    writeFileSync(file, 'not ours');
    const session = await fromBuild!.openPrintSessionInWorker(settings(file, false));
    const outcome = await session.add(items[1]!).then(() => session.end()).then(() => 'written', (error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('not ours');
  });

  it('starts a worker ahead of its file, opens one file with it, and stops it unopened', { skip: !fromBuild }, async () => {
    const ahead = { ...base, duplex: true };
    const idle = fromBuild!.startPrintWorker(ahead)!;
    await idle.close();
    await idle.close();
    expect(() => idle.open(join(tmp, 'late.pdf'))).toThrow('none once stopped');
    expect(existsSync(join(tmp, 'late.pdf'))).toBe(false);

    const here = await print(fromSources.openPrintSession, 'ahead-here.pdf', true);
    const worker = fromBuild!.startPrintWorker(ahead)!;
    const session = worker.open(join(tmp, 'ahead.pdf'));
    expect(() => worker.open(join(tmp, 'twice.pdf'))).toThrow('one file');
    const placements = await Promise.all(items.map((item) => session.add(item)));
    const { sha256 } = await session.end();
    await worker.close();
    expect(placements).toEqual(here.placements);
    expect(sha256).toBe(here.sha256);
    expect(readFileSync(join(tmp, 'ahead.pdf')).equals(here.bytes)).toBe(true);
  });
});

