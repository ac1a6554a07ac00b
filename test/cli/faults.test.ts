import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/files.js';
import { REPO_ROOT, fixture, runBinary } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'ua-letter-faults-'));
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount]);
  rmSync(work, { recursive: true, force: true });
});

// A small or read-only file system of our own: needs root (as CI runs); skipped elsewhere.
function mountTmpfs(name: string, options: string): string | undefined {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  if (result.status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}

const canMount = (() => {
  const probe = mountTmpfs('probe', 'size=64k');
  return probe !== undefined;
})();

function signersCsv(rows: number): string {
  const lines = ['name,address,postcode,city,country'];
  for (let i = 1; i <= rows; i++) lines.push(`Signer ${i},Street ${i},${10000 + i},Berlin,Germany`);
  const file = join(work, `signers-${rows}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const action = fixture('generate', 'current-action.yaml');
const noStack = /\n\s+at |internal error/;

describe.runIf(canMount || process.env['CI'])('faults of the output file system', () => {
  it('disk full: a clear error, exit 2, and no partial or temporary file left', async () => {
    const disk = mountTmpfs('full', 'size=256k');
    expect(disk).toBeDefined();
    const out = join(disk!, 'letters');
    const run = await runBinary(['generate', action, '--signers', signersCsv(100), '-f', 'pdf', '-o', out, '-j', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no space left on the device');
    expect(run.stderr).not.toMatch(noStack);
    const files = listFiles(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    for (const pdf of pdfs) expect(readFileSync(join(out, pdf)).subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
  });

  it('read-only output folder: a clear error and exit 2', async () => {
    const disk = mountTmpfs('readonly', 'size=64k,ro');
    expect(disk).toBeDefined();
    const run = await runBinary(['generate', action, '-f', 'txt', '-o', join(disk!, 'letters')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('read-only');
    expect(run.stderr).not.toMatch(noStack);
  });
});

// The bundled DejaVu Serif with its two layout tables' first 64 bytes overwritten: fontkit then
// allocated until the process died of heap exhaustion (after ~70 s, with a native stack dump).
function damagedFont(): string {
  const bytes = Buffer.from(readFileSync(join(REPO_ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')));
  for (let i = 0; i < bytes.readUInt16BE(4); i++) {
    const record = 12 + 16 * i;
    const tag = bytes.toString('latin1', record, record + 4);
    if (tag === 'GSUB' || tag === 'GPOS') bytes.fill(0xff, bytes.readUInt32BE(record + 8), bytes.readUInt32BE(record + 8) + 64);
  }
  const file = join(work, 'damaged.ttf');
  writeFileSync(file, bytes);
  return file;
}

describe('a damaged font file', () => {
  it('is refused before any letter, with exit 2 and no stack dump, in seconds', async () => {
    const font = damagedFont();
    const out = join(work, 'damaged-font');
    const started = Date.now();
    const run = await runBinary(['generate', action, '--font', font, '-f', 'pdf', '-o', out, '--allow-expired']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${font} is not a usable font`);
    expect(run.stderr).not.toMatch(noStack);
    expect(run.stderr).not.toMatch(/FATAL ERROR|heap out of memory/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(out) ? listFiles(out).filter((f) => f.endsWith('.pdf')) : []).toEqual([]);
  }, 60_000);
});

describe('faults while a batch runs', () => {
  it('a working folder deleted under the shell: a clear error, not a hang', async () => {
    const gone = join(work, 'gone', 'a', 'b');
    mkdirSync(gone, { recursive: true });
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ua-letter.js'), 'generate', action, '-f', 'txt', '-o', 'out'], { cwd: gone, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    rmSync(join(work, 'gone'), { recursive: true, force: true });
    const code = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c ?? -1);
      });
    });
    // Either it noticed before starting, or it had already resolved its paths and finished.
    expect([0, 2]).toContain(code);
    if (code === 2) expect(stderr).toContain('the current folder no longer exists');
  });


  it('the output folder deleted mid-run: no crash, and a clear outcome', async () => {
    const out = join(work, 'deleted');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/ua-letter.js'), 'generate', action, '--signers', signersCsv(400), '-f', 'txt', '-o', out], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const journal = join(out, '.ua-letter', 'journal.jsonl');
    for (let i = 0; i < 400 && !(existsSync(journal) && readFileSync(journal, 'utf8').length > 2000); i++) await new Promise((r) => setTimeout(r, 10));
    // The run keeps writing while the folder goes, and can put a file back into a folder between
    // rm emptying it and removing it (ENOTEMPTY): rm again, as a user would, until it is gone.
    for (let attempt = 1; ; attempt++) {
      try {
        rmSync(out, { recursive: true, force: true });
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOTEMPTY' || attempt === 100) throw error;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const code = await exited;
    expect([0, 2]).toContain(code);
    expect(stderr).not.toMatch(noStack);
  });

  it('two runs into one folder at once: one writes, the other is refused, no file is corrupted', async () => {
    const out = join(work, 'twice');
    const args = ['generate', action, '--signers', signersCsv(60), '-f', 'pdf,txt', '-o', out];
    const [a, b] = await Promise.all([runBinary(args), runBinary(args)]);
    const codes = [a.code, b.code].sort();
    expect(codes[0]).toBe(0);
    expect(codes[1]).toBe(2);
    const refused = a.code === 2 ? a : b;
    expect(refused.stderr).toMatch(/another ua-letter run|already exist/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { letters: { path: string }[] };
    expect(manifest.letters).toHaveLength(60 * 2 * 2);
    expect(listFiles(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
