import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { workerFile } from '../../src/workers/worker-file.js';

const root = mkdtempSync(join(tmpdir(), 'ua-letter-worker-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function layout(name: string, files: readonly string[]): string {
  const dir = join(root, name);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('workerFile', () => {
  it('starts a worker from its bundle, from a compiled module and from a bundled chunk alike', () => {
    const dist = layout('built', ['bundle/load-worker.js', 'bundle/chunk-ABC.js', 'load/load-worker.js', 'load/action-load-pool.js']);
    expect(workerFile('load-worker', pathToFileURL(join(dist, 'load/action-load-pool.js')).href)).toBe(join(dist, 'bundle/load-worker.js'));
    expect(workerFile('load-worker', pathToFileURL(join(dist, 'bundle/chunk-ABC.js')).href)).toBe(join(dist, 'bundle/load-worker.js'));
  });

  it('falls back to the compiled module beside the caller, and to none when running from sources', () => {
    const dist = layout('unbundled', ['load/load-worker.js', 'load/action-load-pool.js']);
    expect(workerFile('load-worker', pathToFileURL(join(dist, 'load/action-load-pool.js')).href)).toBe(join(dist, 'load/load-worker.js'));
    const src = layout('sources', ['load/load-worker.ts', 'load/action-load-pool.ts']);
    expect(workerFile('load-worker', pathToFileURL(join(src, 'load/action-load-pool.ts')).href)).toBeUndefined();
  });
});
