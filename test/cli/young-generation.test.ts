import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const built = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

// A workload whose objects keep surviving collections, as a batch's do, in the main thread and
// (with a worker) in a worker thread started as the render workers are; reports each one's young
// generation (both halves) in MiB. Run in a process of its own: the flags are the process's.
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
const [, youngGeneration, workerThreads, mode] = process.argv;
const churn = (stats) => {
  const kept = [];
  for (let i = 0; i < 2e6; i++) {
    kept.push({ i, text: 'x' + i });
    if (kept.length > 200000) kept.splice(0, 100000);
  }
  return stats().find((space) => space.space_name === 'new_space').space_size / 2 ** 20;
};
if (mode !== 'default') (await import(youngGeneration)).keepYoungGenerationSmall();
let worker;
if (mode === 'small, with a worker') {
  const { WORKER_HEAP } = await import(workerThreads);
  // Evaluated as a module, like this script (--input-type=module).
  const code = \`import { parentPort } from 'node:worker_threads'; import { getHeapSpaceStatistics } from 'node:v8';
    parentPort.postMessage((\${churn})(getHeapSpaceStatistics));\`;
  const thread = new Worker(code, { eval: true, resourceLimits: WORKER_HEAP });
  worker = await new Promise((resolve) => thread.once('message', resolve));
}
process.stdout.write(JSON.stringify({ main: churn(getHeapSpaceStatistics), worker }));
`;

function youngGenerationsMib(mode: 'small' | 'small, with a worker' | 'default'): { main: number; worker?: number } {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, built('cli/young-generation.js'), built('generate/worker-threads.js'), mode], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { main: number; worker?: number };
}

describe('keepYoungGenerationSmall', () => {
  it('stops V8 from growing the young generation as objects survive', () => {
    // The workload makes V8 grow it to its largest by default (two 16 MB halves on 64-bit)...
    expect(youngGenerationsMib('default').main).toBeGreaterThanOrEqual(16);
    // ...and not with the flag the CLI sets before a batch.
    expect(youngGenerationsMib('small').main).toBeLessThanOrEqual(8);
  });

  it('keeps it small after a worker thread has started (V8 resets the flag for each new heap), and the worker its own', () => {
    const { main, worker } = youngGenerationsMib('small, with a worker');
    expect(main).toBeLessThanOrEqual(8);
    // The render workers' young generation is as large as WORKER_HEAP allows (two 4 MB halves).
    expect(worker).toBeGreaterThanOrEqual(8);
  });
});
