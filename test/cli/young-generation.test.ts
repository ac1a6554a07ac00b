import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const built = fileURLToPath(new URL('../../dist/cli/young-generation.js', import.meta.url));

// A workload whose objects keep surviving collections, as a batch's do; reports the main thread's
// young generation (both halves) in MB at the end. Run in a process of its own: the flag is the
// process's.
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
const [, module, mode] = process.argv;
if (mode === 'small') (await import(module)).keepYoungGenerationSmall();
const kept = [];
for (let i = 0; i < 2e6; i++) {
  kept.push({ i, text: 'x' + i });
  if (kept.length > 200000) kept.splice(0, 100000);
}
const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
process.stdout.write(String(young.space_size / 2 ** 20));
`;

function youngGenerationMb(mode: 'small' | 'default'): number {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, built, mode], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return Number(run.stdout);
}

describe('keepYoungGenerationSmall', () => {
  it('stops V8 from growing the young generation as objects survive', () => {
    // The workload makes V8 grow it to its largest by default (two 16 MB halves on 64-bit)...
    expect(youngGenerationMb('default')).toBeGreaterThanOrEqual(16);
    // ...and not with the flag the CLI sets before a batch.
    expect(youngGenerationMb('small')).toBeLessThanOrEqual(8);
  });
});
