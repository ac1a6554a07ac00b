import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

// A workload whose objects keep surviving collections, as a batch's do, in the main thread and
// (with a worker) in a worker thread started as the render workers are (startWorkerPool, from a
// file: its first argument); reports the largest each one's young generation (both halves) grew
// to, in MiB. Run in a process of its own: the flags are the process's.
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
const [, , dist, workerFile, mode] = process.argv;
const churn = (stats) => {
  const kept = [];
  let largest = 0;
  for (let i = 0; i < 2e6; i++) {
    kept.push({ i, text: 'x' + i });
    if (kept.length > 200000) kept.splice(0, 100000);
    if (i % 100000 === 0) largest = Math.max(largest, stats().find((space) => space.space_name === 'new_space').space_size / 2 ** 20);
  }
  return largest;
};
const settings = await import(dist + '/cli/heap-settings.js');
if (mode === 'small' || mode === 'small, with a worker') settings.keepHeapsSmall();
if (mode.endsWith(' batch')) {
  // As generate does: the settings from the start, then the run plans its letters.
  settings.keepHeapsSmallForLargeBatches();
  const { channel } = await import('node:diagnostics_channel');
  const { BATCH_PLANNED } = await import(dist + '/generate/batch-planned.js');
  channel(BATCH_PLANNED).publish({ letters: mode === 'large batch' ? 1000 : 100 });
}
let worker;
if (mode === 'small, with a worker') {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(workerFile, \`import { parentPort } from 'node:worker_threads'; import { getHeapSpaceStatistics } from 'node:v8';
    parentPort.on('message', ({ id }) => parentPort.postMessage({ id, young: (\${churn})(getHeapSpaceStatistics) }));\`);
  const { startWorkerPool } = await import(dist + '/workers/worker-pool.js');
  const { WORKER_HEAP } = await import(dist + '/generate/worker-threads.js');
  const pool = startWorkerPool({ file: workerFile, size: 1, resourceLimits: WORKER_HEAP, stopped: (why) => new Error(why) });
  worker = (await pool.send({})).young;
  await pool.close();
}
process.stdout.write(JSON.stringify({ main: churn(getHeapSpaceStatistics), worker }));
`;

function youngGenerationsMib(mode: 'small' | 'small, with a worker' | 'default' | 'large batch' | 'small batch'): { main: number; worker?: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ua-heap-'));
  try {
    // From a file, not --eval: a worker would inherit --input-type and refuse to start.
    writeFileSync(join(dir, 'main.mjs'), script);
    const run = spawnSync(process.execPath, [join(dir, 'main.mjs'), dist, join(dir, 'worker.mjs'), mode], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as { main: number; worker?: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('keepHeapsSmall', () => {
  it('stops V8 from growing the young generation as objects survive', () => {
    // The workload makes V8 grow it to its largest by default (two 16 MB halves on 64-bit)...
    expect(youngGenerationsMib('default').main).toBeGreaterThanOrEqual(16);
    // ...and not with the flags the CLI sets before a batch.
    expect(youngGenerationsMib('small').main).toBeLessThanOrEqual(8);
  });

  it('keeps it small after a worker thread has started (V8 resets the flag for each new heap), and the worker its own', () => {
    const { main, worker } = youngGenerationsMib('small, with a worker');
    expect(main).toBeLessThanOrEqual(8);
    // The render workers' young generation grows as large as WORKER_HEAP allows (two 4 MB
    // halves), although --optimize-for-size, which caps it at two 1 MB halves for a heap set up
    // while it is on, is on before and after the worker starts. (With it on, full collections
    // may shrink it again while little is allocated, hence the largest.)
    expect(worker).toBeGreaterThanOrEqual(8);
  });

  it('keeps them for a batch of as many letters as make workers worth starting, and gives V8 its own for fewer', () => {
    expect(youngGenerationsMib('large batch').main).toBeLessThanOrEqual(8);
    expect(youngGenerationsMib('small batch').main).toBeGreaterThanOrEqual(16);
  });
});

// Six functions of 111 bytes of bytecode each, called from one hot function: V8 inlines all six
// into it by default (920 bytes allowed), and fewer with the CLI's budget of 200.
const inliningScript = `
const [, , dist, mode] = process.argv;
const settings = await import(dist + '/cli/heap-settings.js');
if (mode === 'batch') settings.keepHeapsSmallForLargeBatches();
const make = (k) => new Function('n', \`let s = \${k}; for (let i = 0; i < n; i++) { s += (i * 7) % 13; s ^= i << 2; s += (s >> 3) & 0xff; s = (s * 31) | 0; s -= i % 5; s += (i * 11) % 17; s ^= s >>> 7; } return s;\`);
const [f1, f2, f3, f4, f5, f6] = [1, 2, 3, 4, 5, 6].map(make);
const caller = (n) => f1(n) + f2(n) + f3(n) + f4(n) + f5(n) + f6(n);
let total = 0;
for (let i = 0; i < 300000; i++) total += caller(i % 7);
process.stderr.write(String(total));
`;

function functionsInlined(mode: 'batch' | 'default'): number {
  const dir = mkdtempSync(join(tmpdir(), 'ua-inline-'));
  try {
    writeFileSync(join(dir, 'main.mjs'), inliningScript);
    const run = spawnSync(process.execPath, ['--trace-turbo-inlining', join(dir, 'main.mjs'), dist, mode], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    return run.stdout.split('\n').filter((line) => line.startsWith('Inlining 0x')).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('keepHeapsSmallForLargeBatches', () => {
  it('gives V8 a smaller budget of bytecode to inline into a function', () => {
    expect(functionsInlined('default')).toBeGreaterThanOrEqual(6);
    expect(functionsInlined('batch')).toBeLessThanOrEqual(2);
  });
});
