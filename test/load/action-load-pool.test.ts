import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as poolFromSources from '../../src/load/action-load-pool.js';
import * as fromSources from '../../src/load/load-actions.js';
import { loadActionText, type LoadResult } from '../../src/load/load-action.js';

// The workers run the built file (dist/), as the CLI does; `npm install` builds it.
const root = join(import.meta.dirname, '../..');
const builtPool = join(root, 'dist/load/action-load-pool.js');
const built = existsSync(builtPool)
  ? { pool: (await import(builtPool)) as typeof poolFromSources, load: (await import(join(root, 'dist/load/load-actions.js'))) as typeof fromSources }
  : undefined;

// After every deadline: valid files load with warnings.
const today = '2030-01-01';
const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-load-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Valid and broken files alike (syntax errors, unknown keys, not UTF-8, an alias bomb), cycled;
// small ones, so that loading 400 of them twice stays quick.
const sources = readdirSync('test/fixtures/validate')
  .map((name) => join('test/fixtures/validate', name))
  .sort();
const files = Array.from({ length: poolFromSources.MIN_FILES_FOR_WORKERS + 10 }, (_, i) => {
  const source = sources[i % sources.length]!;
  const file = join(tmp, `${String(i).padStart(4, '0')}-${source.split(/[\\/]/).at(-1)}`);
  writeFileSync(file, readFileSync(source));
  return file;
});

// What a result says, source map aside, and where a few fields are according to its source map.
function described(result: LoadResult) {
  if (!result.ok) return result;
  const { sourceMap, ...rest } = result;
  const paths = [['title'], ['deadline'], ['recipients', 0, 'salutation'], ['no', 'such', 'field']];
  return { ...rest, values: paths.map((p) => sourceMap.valueAt(p)), keys: paths.map((p) => sourceMap.keyAt(p)), offset: sourceMap.offsetAt(200) };
}

describe('loading action files in worker threads', { skip: !built }, () => {
  it('a worker gives what loadActionText gives in this thread, source positions included', async () => {
    const pool = built!.pool.startActionLoadPool(2);
    expect(pool).toBeDefined();
    try {
      for (const file of files.slice(0, sources.length)) {
        const text = readFileSync(file, 'utf8');
        expect(described(await pool!.load(file, text, today))).toEqual(described(loadActionText(file, text, today)));
      }
    } finally {
      await pool!.close();
    }
  });

  it('loadActions with two jobs gives the same results, in file order, as with one', async () => {
    const inThread = await fromSources.loadActions(files, { today, jobs: 1 });
    const inWorkers = await built!.load.loadActions(files, { today, jobs: 2 });
    expect(inWorkers.map((r) => r.file)).toEqual(files);
    expect(inWorkers.map(described)).toEqual(inThread.map(described));
    expect(inWorkers.filter((r) => r.ok && r.diagnostics.length > 0).length).toBeGreaterThan(0);
    expect(inWorkers.filter((r) => !r.ok).length).toBeGreaterThan(0);
  });

  it('an unreadable file still stops loadActions with an I/O error', async () => {
    const missing = [...files.slice(0, 100), join(tmp, 'gone.yaml'), ...files.slice(100)];
    await expect(built!.load.loadActions(missing, { today, jobs: 2 })).rejects.toMatchObject({ code: 'io/unreadable' });
  });
});
