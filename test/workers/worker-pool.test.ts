import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkerPool } from '../../src/workers/worker-pool.js';

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-worker-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A worker that answers after `delay` ms with its thread id, or exits when asked to.
const worker = join(tmp, 'echo-worker.mjs');
writeFileSync(
  worker,
  `import { parentPort, threadId, workerData } from 'node:worker_threads';
parentPort.on('message', ({ id, value, delay, exit }) => {
  if (exit) process.exit(3);
  setTimeout(() => parentPort.postMessage({ id, value: value * workerData.factor, thread: threadId }), delay ?? 0);
});
`,
);

type Reply = { id: number; value: number; thread: number };

describe('worker pools', () => {
  it('matches each reply to its request, whatever order the replies come in', async () => {
    const pool = startWorkerPool<Reply>({ file: worker, size: 2, workerData: { factor: 10 }, stopped: (why) => new Error(why) });
    try {
      const replies = await Promise.all([30, 0, 20, 0, 10].map((delay, value) => pool.send({ value, delay })));
      expect(replies.map((r) => r.value)).toEqual([0, 10, 20, 30, 40]);
      // The least busy worker gets the next request: both workers took some.
      expect(new Set(replies.map((r) => r.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('fails every request in flight and every later one once a worker stops', async () => {
    const pool = startWorkerPool<Reply>({ file: worker, size: 1, workerData: { factor: 1 }, stopped: (why) => new Error(`pool stopped: ${why}`) });
    try {
      const slow = pool.send({ value: 1, delay: 5_000 });
      const exit = pool.send({ exit: true });
      await expect(slow).rejects.toThrow('pool stopped: it exited with code 3');
      await expect(exit).rejects.toThrow('pool stopped: it exited with code 3');
      await expect(pool.send({ value: 2 })).rejects.toThrow('pool stopped: it exited with code 3');
    } finally {
      await pool.close();
    }
  });
});
