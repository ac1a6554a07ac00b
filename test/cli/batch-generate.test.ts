import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFiles, listFiles } from '../helpers/files.js';
import { readPdfInfo } from '../helpers/pdf.js';
import { REPO_ROOT, fixture, runBinary } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'ua-letter-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


function writeSigners(rows: number): string {
  const lines = ['name,address,postcode,city,country,email,use_return_address'];
  for (let i = 1; i <= rows; i++) lines.push(`Signer ${i},"Street ${i}\nFlat ${i % 7}",${10000 + i},Berlin,Germany,s${i}@example.org,${i % 10 === 0 ? 'yes' : ''}`);
  const file = join(work, `signers-${rows}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const actions = ['actions/ua-129-10.yaml', 'actions/ua-84-11-update-2.yaml'];
const office = fixture('config', 'office.yaml');

describe('generate with a signers CSV', () => {
  it('writes one letter per signer per recipient per action, and a print file whose pages match the manifest', async () => {
    const out = join(work, 'thousand');
    const signers = writeSigners(300);
    const combined = join(out, 'print.pdf');
    const run = await runBinary(['generate', ...actions, '--signers', signers, '--return-address', office, '--allow-expired', '-f', 'txt', '-o', out, '--date', '2010-10-01', '--combine', combined, '--duplex', '--labels', join(out, 'labels.pdf')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote print file with 1200 letters on`);
    const files = listFiles(out).filter((f) => f.endsWith('.txt'));
    expect(files).toHaveLength(300 * (2 + 2));
    expect(files).toContain('ua-129-10/en/01-serik-baimaganbetov/signer-00300.txt');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      letters: { path: string; format: string; kind: string; signer?: number; pages?: number; firstPage?: number; blankPagesAfter?: number }[];
    };
    const texts = manifest.letters.filter((l) => l.format === 'txt');
    expect(texts).toHaveLength(1200);
    expect(new Set(texts.map((l) => l.signer)).size).toBe(300);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('Signer 1');

    // The print file: grouped by recipient (4 groups, a cover each), every letter on a front side.
    const printed = manifest.letters.filter((l) => l.format === 'combined-pdf');
    expect(printed.filter((l) => l.kind === 'cover')).toHaveLength(4);
    expect(printed.filter((l) => l.kind !== 'cover')).toHaveLength(1200);
    // Cover sheets and labels are no signer's: their entries name none (letters do).
    expect(printed.filter((l) => l.kind === 'cover' && l.signer !== undefined)).toEqual([]);
    expect(printed.filter((l) => l.kind !== 'cover' && l.signer === undefined)).toEqual([]);
    expect(manifest.letters.filter((l) => l.kind === 'labels')).toEqual([expect.not.objectContaining({ signer: expect.anything() })]);
    const pageCount = printed.reduce((n, l) => n + (l.pages ?? 0) + (l.blankPagesAfter ?? 0), 0);
    const info = await readPdfInfo(readFileSync(combined));
    expect(info.pages).toBe(pageCount);
    for (const entry of printed) expect((entry.firstPage ?? 0) % 2).toBe(1);
    // One A4 label (3 x 7 to a sheet) per letter.
    expect((await readPdfInfo(readFileSync(join(out, 'labels.pdf')))).pages).toBe(Math.ceil(1200 / 21));
    expect(readFileSync(join(out, 'manifest.csv'), 'utf8').split('\n')).toHaveLength(manifest.letters.length + 2);
    // Personal data stay in the letters, never in the output of the run.
    expect(run.stdout + run.stderr).not.toMatch(/Signer \d|Street \d|s\d+@example/);
    const own = readFileSync(join(out, 'ua-129-10/en/01-serik-baimaganbetov/signer-00007.txt'), 'utf8');
    expect(own).toContain('Signer 7\nStreet 7\nFlat 0\n10007 Berlin\nGermany');
    const hidden = readFileSync(join(out, 'ua-129-10/en/01-serik-baimaganbetov/signer-00010.txt'), 'utf8');
    expect(hidden).toContain('Signer 10\nc/o Amnesty International Section Berlin\nZinnowitzer Straße 8\n10115 Berlin');
    expect(hidden).not.toContain('Street 10');
  }, 60_000);

  it('writes the letters the preflight rendered as the workers render the rest: signers with the same details get the same bytes', async () => {
    // The preflight renders each recipient's first letter to check it, and the run writes those
    // bytes; 150 signers x 2 recipients start the worker threads for the others.
    const out = join(work, 'twins');
    const file = join(work, 'twins.csv');
    writeFileSync(file, ['name,address,postcode,city,country,email', ...Array.from({ length: 150 }, () => 'Анна Иванова,ул. Ленина 2,12345,Алматы,Kazakhstan,anna@example.org')].join('\n'));
    const run = await runBinary(['generate', 'actions/ua-129-10.yaml', '--signers', file, '--allow-expired', '--jobs', '2', '-o', out, '--date', '2010-10-01', '-q']);
    expect(run.code).toBe(0);
    const hashes = hashFiles(out);
    for (const recipient of ['01-serik-baimaganbetov', '02-kanat-saudabayev']) {
      const own = Object.entries(hashes).filter(([path]) => path.startsWith(`ua-129-10/en/${recipient}/`) && path.endsWith('.pdf'));
      expect(own).toHaveLength(150);
      expect(new Set(own.map(([, hash]) => hash)).size).toBe(1);
    }
    expect(hashes['ua-129-10/en/01-serik-baimaganbetov/signer-00001.pdf']).not.toBe(hashes['ua-129-10/en/02-kanat-saudabayev/signer-00001.pdf']);
  }, 60_000);

  it('stops the print worker it started ahead when the run stops before the print file', async () => {
    // The worker starts as soon as the batch is planned (300 letters or more, two jobs); the run
    // then finds a file in the way. The CLI never calls process.exit: a worker left running would
    // keep the process alive past the test's timeout.
    const out = join(work, 'taken');
    mkdirSync(join(out, 'ua-129-10', 'en', '01-serik-baimaganbetov'), { recursive: true });
    writeFileSync(join(out, 'ua-129-10', 'en', '01-serik-baimaganbetov', 'signer-00002.txt'), 'not ours');
    const started = Date.now();
    const run = await runBinary(['generate', actions[0]!, '--signers', writeSigners(300), '--return-address', office, '--allow-expired', '-f', 'txt', '-o', out, '--date', '2010-10-01', '--combine', join(out, 'print.pdf'), '--jobs', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exist');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(out, 'print.pdf'))).toBe(false);
    expect(readFileSync(join(out, 'ua-129-10', 'en', '01-serik-baimaganbetov', 'signer-00002.txt'), 'utf8')).toBe('not ours');
  }, 30_000);

  it('refuses, before the print file, a letter whose address cannot fit the envelope window', async () => {
    // Without PDFs of their own the letters are not rendered ahead, only laid out: the refusal and
    // where it points are the same.
    const out = join(work, 'no-fit');
    const run = await runBinary(['generate', fixture('hostile', 'name-500-chars.yaml'), '--allow-expired', '-f', 'txt', '-o', out, '--combine', join(out, 'print.pdf')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/name-500-chars\.yaml:\d+:\d+: error the recipient's address \(\d+ lines\) does not fit .*\[recipients\[0\]\]/);
    expect(existsSync(join(out, 'print.pdf'))).toBe(false);
    expect(existsSync(out) ? listFiles(out).filter((f) => !f.startsWith('.ua-letter')) : []).toEqual([]);
  });

  it('rejects a bad signers file with its line and column and writes nothing', async () => {
    const out = join(work, 'bad');
    const file = fixture('batch', 'signers-bad-rows.csv');
    const run = await runBinary(['generate', 'actions/ua-129-10.yaml', '--allow-expired', '--signers', file, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:3:1: error row 2: the name is empty`);
    expect(run.stderr).toContain(`${file}:3:32: error row 2: "bob-at-example.org" does not look like an email address`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to write into a folder another live run holds', async () => {
    const out = join(work, 'locked');
    mkdirSync(join(out, '.ua-letter'), { recursive: true });
    writeFileSync(join(out, '.ua-letter', 'lock'), String(process.pid));
    const run = await runBinary(['generate', fixture('generate', 'current-action.yaml'), '-f', 'txt', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`another ua-letter run (process ${process.pid}) is writing to ${out}`);
  });

  it('after kill -9 halfway, --resume finishes with files identical to an uninterrupted run', async () => {
    const signers = writeSigners(80);
    const args = (out: string) => ['generate', fixture('generate', 'current-action.yaml'), '--signers', signers, '--return-address', office, '-f', 'pdf,txt', '--date', '2026-11-24', '-o', out];
    const whole = join(work, 'whole');
    expect((await runBinary(args(whole))).code).toBe(0);

    const cut = join(work, 'cut');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ua-letter.js'), ...args(cut)], { cwd: REPO_ROOT, stdio: 'ignore' });
    const journal = join(cut, '.ua-letter', 'journal.jsonl');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill once some but not all files are done: a real interruption, not a clean stop.
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length : 0;
      if (lines > 40) break;
    }
    child.kill('SIGKILL');
    await exited;
    const finishedBefore = readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;
    expect(finishedBefore).toBeGreaterThan(0);
    expect(finishedBefore).toBeLessThan(320);

    const refused = await runBinary(args(cut));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('use --resume');

    const resumed = await runBinary([...args(cut), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/kept \d+ files? an interrupted run had finished/);
    expect(listFiles(cut).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(cut, '.ua-letter'))).toBe(false);
    expect(hashFiles(cut)).toEqual(hashFiles(whole));
  }, 60_000);
});

describe('an interrupted batch', () => {
  it('stops on Ctrl-C with nothing half-written, and --resume completes it', async () => {
    const file = writeSigners(300);
    const args = (out: string) => ['generate', fixture('generate', 'current-action.yaml'), '--signers', file, '--return-address', office, '-f', 'pdf,txt', '--combine', join(out, 'print.pdf'), '--date', '2026-11-24', '-o', out];
    const whole = join(work, 'ctrl-c-whole');
    expect((await runBinary(args(whole))).code).toBe(0);

    const cut = join(work, 'ctrl-c-cut');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ua-letter.js'), ...args(cut)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const journal = join(cut, '.ua-letter', 'journal.jsonl');
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length : 0;
      if (lines > 40) break;
    }
    child.kill('SIGINT');
    expect(await exited).toBe(2);
    expect(stderr).toMatch(/interrupted .*--resume/);
    expect(listFiles(cut).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(cut, 'print.pdf'))).toBe(false);

    const resumed = await runBinary([...args(cut), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/kept \d+ files? an interrupted run had finished/);
    expect(hashFiles(cut)).toEqual(hashFiles(whole));
  }, 60_000);
});
