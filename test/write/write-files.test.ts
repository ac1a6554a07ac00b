import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { writeFileAtomic, writeFileAtomicSync, type OutputFile } from '../../src/write/write-files.js';
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
