import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireOutputLock } from '../../src/generate/run-state.js';

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
