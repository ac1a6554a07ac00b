import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceText } from '../../src/load/read-source.js';

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-read-source-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeText(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('readSourceText', () => {
  it('reads a file of exactly the limit, and refuses one byte more', async () => {
    expect(await readSourceText(writeText('at-limit.yaml', 'a'.repeat(100)), 100)).toEqual({ ok: true, text: 'a'.repeat(100) });
    const over = await readSourceText(writeText('over-limit.yaml', 'a'.repeat(101)), 100);
    expect(over).toMatchObject({ ok: false, diagnostic: { code: 'input/too-large' } });
  });

  it('reads files larger than one read, and empty files, whole', async () => {
    const text = 'é'.repeat(150_000);
    expect(await readSourceText(writeText('large.yaml', text))).toEqual({ ok: true, text });
    expect(await readSourceText(writeText('empty.yaml', ''))).toEqual({ ok: true, text: '' });
  });

  it.runIf(existsSync('/proc/self/maps'))('reads a file whose size is not known beforehand (/proc) to its end', async () => {
    // /proc files say they are empty: the read goes on until there is no more.
    const result = await readSourceText('/proc/self/maps');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text.split('\n').length).toBeGreaterThan(20);
  });

  it('says a folder is a folder and a missing file cannot be read (I/O errors, exit code 2)', async () => {
    await expect(readSourceText(tmp)).rejects.toMatchObject({ code: 'io/is-directory', exitCode: 2 });
    await expect(readSourceText(join(tmp, 'missing.yaml'))).rejects.toMatchObject({ code: 'io/unreadable', exitCode: 2 });
  });

  it('points at the first byte that is not UTF-8', async () => {
    const file = join(tmp, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('title: ok\nname: Jos'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const result = await readSourceText(file);
    expect(result).toMatchObject({ ok: false, diagnostic: { code: 'input/not-utf8', line: 2, column: 10 } });
    expect(readFileSync(file).length).toBe(21);
  });
});
