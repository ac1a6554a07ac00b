import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireOutputLock, openJournal } from '../../src/generate/run-state.js';
import { manifestEntry, type ManifestEntry } from '../../src/generate/manifest.js';

describe('acquireOutputLock', () => {
  let out: string;
  const lockFile = () => join(out, '.ua-letter', 'lock');
  const leaveLock = (content: string, ageSeconds = 0) => {
    mkdirSync(join(out, '.ua-letter'), { recursive: true });
    writeFileSync(lockFile(), content);
    const then = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(lockFile(), then, then);
  };
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'ua-letter-lock-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes its process id into the lock, leaves nothing else, and removes it on release', async () => {
    const release = await acquireOutputLock(out);
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    expect(readdirSync(join(out, '.ua-letter'))).toEqual(['lock']);
    await release();
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses while a live process holds the lock', async () => {
    leaveLock(String(process.pid));
    await expect(acquireOutputLock(out)).rejects.toMatchObject({ code: 'write/locked', exitCode: 2 });
  });

  it('refuses an empty lock made a moment ago: another run is still writing its id', async () => {
    leaveLock('');
    await expect(acquireOutputLock(out)).rejects.toMatchObject({ code: 'write/locked' });
  });

  it('takes over a lock left by a process that has gone, or an old empty one', async () => {
    // Process ids are below 2^22 on Linux: this one runs nowhere.
    leaveLock('2147483646');
    await (await acquireOutputLock(out))();
    leaveLock('', 60);
    const release = await acquireOutputLock(out);
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    await release();
  });

  it.runIf(process.platform === 'linux')('takes over a lock left by a process killed and not yet collected (a zombie)', async () => {
    // `sleep 0` ends at once, and its parent, replaced by `sleep 5`, never collects it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number((await once(parent.stdout, 'data'))[0]);
      for (let i = 0; i < 100 && !readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toContain(') Z');
      leaveLock(String(zombie));
      await (await acquireOutputLock(out))();
      expect(readdirSync(out)).toEqual([]);
    } finally {
      parent.kill();
    }
  });

  it('clears what a run killed while taking the lock left behind', async () => {
    leaveLock('2147483646');
    writeFileSync(join(out, '.ua-letter', '.lock-2147483646-0123abcd'), '2147483646');
    await (await acquireOutputLock(out))();
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('openJournal', () => {
  let out: string;
  const journalFile = () => join(out, '.ua-letter', 'journal.jsonl');
  const entry = (i: number, path = `ua-129-10/ru/01-министр/signer-${i}.txt`): ManifestEntry =>
    manifestEntry({ path, format: 'txt', action: 'ua-129-10.yaml', deadline: '2010-10-29', language: 'ru', kind: 'main', recipient: 'Министр «юстиции»', signer: i, sha256: 'ab'.repeat(32) });
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'ua-letter-journal-'));
    mkdirSync(join(out, '.ua-letter'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('appends entries in batches of 64, as lines that a resumed run reads back', async () => {
    const journal = await openJournal(out, false);
    for (let i = 1; i <= 63; i++) journal.record(entry(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(journalFile(), 'utf8')).toBe('');
    journal.record(entry(64));
    // flush() with nothing new waits for the batch already on its way.
    await journal.flush();
    expect(readFileSync(journalFile(), 'utf8').split('\n')).toHaveLength(65);
    // A batch of long lines goes out when its room is full; a line longer than the room, alone.
    const long = entry(65, `${'д'.repeat(20_000)}.txt`);
    for (let i = 66; i <= 300; i++) journal.record(entry(i));
    journal.record(long);
    journal.record(entry(301));
    await journal.flush();
    const lines = readFileSync(journalFile(), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => (JSON.parse(line) as ManifestEntry).signer)).toEqual([...Array.from({ length: 64 }, (_, i) => i + 1), ...Array.from({ length: 235 }, (_, i) => i + 66), 65, 301]);
    const resumed = await openJournal(out, true);
    expect(resumed.finished.size).toBe(301);
    expect(resumed.finished.get(long.path)).toEqual(JSON.parse(JSON.stringify(long)));
    expect(resumed.finished.get(entry(7).path)?.recipient).toBe('Министр «юстиции»');
    await resumed.remove();
    await journal.remove();
  });
});
