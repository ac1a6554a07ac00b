import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { findExisting, writeFileAtomic, writeFileAtomicSync, writeTextAtomic, type OutputFile } from '../../src/write/write-files.js';
import { listTree } from '../helpers/files.js';

// The main thread writes with promises, render workers synchronously: both must behave alike.
const writers: [string, (outDir: string, file: OutputFile, options: { force: boolean }) => Promise<void>][] = [
  ['writeFileAtomic', writeFileAtomic],
  ['writeFileAtomicSync', async (outDir, file, options) => writeFileAtomicSync(outDir, file, options)],
];

const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(promise: Promise<unknown>): Promise<UaError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UaError);
  return error as UaError;
}

describe.each(writers)('%s', (_name, write) => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'ua-letter-write-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes into folders it makes, and leaves no temporary file', async () => {
    await write(out, { relativePath: 'ua-1/en/01-minister.pdf', bytes: bytes('letter') }, { force: false });
    expect(readFileSync(join(out, 'ua-1/en/01-minister.pdf'), 'utf8')).toBe('letter');
    expect(listTree(out)).toEqual(['ua-1/', 'ua-1/en/', 'ua-1/en/01-minister.pdf']);
  });

  it('never replaces a file without force, and says which', async () => {
    writeFileSync(join(out, 'a.txt'), 'kept');
    const error = await failure(write(out, { relativePath: 'a.txt', bytes: bytes('new') }, { force: false }));
    expect(error.code).toBe('write/exists');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('a.txt');
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('kept');
    expect(listTree(out)).toEqual(['a.txt']);
  });

  it('replaces a file with force', async () => {
    writeFileSync(join(out, 'a.txt'), 'old');
    await write(out, { relativePath: 'a.txt', bytes: bytes('new') }, { force: true });
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(listTree(out)).toEqual(['a.txt']);
  });

  it('refuses a path outside the output folder', async () => {
    const error = await failure(write(join(out, 'inner'), { relativePath: '../escape.txt', bytes: bytes('x') }, { force: true }));
    expect(error.code).toBe('write/outside-output');
    expect(listTree(out)).toEqual([]);
  });

  it('reports a folder it cannot make as an I/O failure', async () => {
    writeFileSync(join(out, 'file'), 'not a folder');
    const error = await failure(write(out, { relativePath: 'file/inside.txt', bytes: bytes('x') }, { force: false }));
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('io/write-failed');
    expect(error.message).toContain('file/inside.txt');
    expect(error.message).toContain('a file stands where its folder should be');
    expect(listTree(out)).toEqual(['file']);
  });
});

describe('findExisting', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'ua-letter-existing-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('names the paths that exist, in the order asked, in any folder', async () => {
    mkdirSync(join(out, 'ua-1/en'), { recursive: true });
    writeFileSync(join(out, 'ua-1/en/02-b.pdf'), 'x');
    writeFileSync(join(out, 'ua-1/en/01-a.pdf'), 'x');
    writeFileSync(join(out, 'top.txt'), 'x');
    const asked = ['ua-1/en/01-a.pdf', 'ua-1/en/03-c.pdf', 'ua-2/en/01-a.pdf', 'top.txt', 'ua-1/en/02-b.pdf'];
    expect(await findExisting(out, asked)).toEqual(['ua-1/en/01-a.pdf', 'top.txt', 'ua-1/en/02-b.pdf']);
  });

  it('finds nothing in an output folder that is not there yet', async () => {
    expect(await findExisting(join(out, 'not-yet'), ['a/b.pdf', 'c.pdf'])).toEqual([]);
  });

  it('counts a link that points nowhere: a new file could not take its name', async () => {
    symlinkSync(join(out, 'nowhere'), join(out, 'dangling.pdf'));
    expect(await findExisting(out, ['dangling.pdf'])).toEqual(['dangling.pdf']);
  });

  it('asks the file system about a name that differs only in case or normalization', async () => {
    writeFileSync(join(out, 'Zoe\u0308.pdf'), 'x');
    const sameName = ['zoë.pdf', 'ZOË.pdf'];
    // Linux tells these apart; a file system that does not (macOS, Windows) finds the file.
    const caseBlind = await findExisting(out, ['ZOE\u0308.PDF']).then((found) => found.length === 1);
    expect(await findExisting(out, sameName)).toEqual(caseBlind ? sameName : []);
    expect(await findExisting(out, ['Zoe\u0308.pdf'])).toEqual(['Zoe\u0308.pdf']);
  });

  it('reports a path it cannot look up as an I/O failure naming it', async () => {
    writeFileSync(join(out, 'file'), 'not a folder');
    const error = await failure(findExisting(out, ['file/inside.pdf']));
    expect(error.code).toBe('io/unreadable');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('file/inside.pdf');
  });

  it('refuses a path outside the output folder', async () => {
    const error = await failure(findExisting(out, ['../escape.pdf']));
    expect(error.code).toBe('write/outside-output');
  });
});

describe('writeTextAtomic', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'ua-letter-write-text-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes every piece as UTF-8, pieces larger than its buffer and after them smaller ones', async () => {
    const pieces = ['Дорогой министр, ', 'é'.repeat(100_000), 'محترم ', 'x'.repeat(300_000), '🙂 end\n'];
    await writeTextAtomic(out, 'folder/manifest.json', pieces, { force: false });
    expect(readFileSync(join(out, 'folder', 'manifest.json'), 'utf8')).toBe(pieces.join(''));
    expect(listTree(out)).toEqual(['folder/', 'folder/manifest.json']);
  });

  it('refuses to replace a file without force, and replaces it with force', async () => {
    await writeTextAtomic(out, 'm.csv', ['first'], { force: false });
    await expect(writeTextAtomic(out, 'm.csv', ['second'], { force: false })).rejects.toThrow(/exists/);
    await writeTextAtomic(out, 'm.csv', ['second', ' run'], { force: true });
    expect(readFileSync(join(out, 'm.csv'), 'utf8')).toBe('second run');
  });
});
