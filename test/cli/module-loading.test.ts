import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBinary } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'ua-letter-imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const recorder = fileURLToPath(new URL('../helpers/record-imports.js', import.meta.url));

// The packages a command imports, as the binary runs it.
async function importsOf(name: string, args: readonly string[]): Promise<Set<string>> {
  const record = join(work, `${name}.txt`);
  writeFileSync(record, '');
  const run = await runBinary(args, { env: { NODE_OPTIONS: `--import=${recorder}`, RECORD_IMPORTS: record } });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(0);
  return new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean));
}

// pdfkit and fontkit (and what they pull in) take ~150 ms to load: only runs that make a PDF pay for
// them. Most of the CLI is bundled (dist/bundle/); the recorder sees the packages kept outside it
// (pdfkit, fontkit) and bidi-js, which is required at run time.
describe('what a command loads', () => {
  const text = ['generate', 'actions/ua-129-10.yaml', '--allow-expired', '--date', '2010-10-01', '-f', 'txt', '-q'];

  it('a PDF run loads pdfkit and fontkit (the recorder sees them)', async () => {
    const loaded = await importsOf('pdf', [...text.slice(0, -3), '-f', 'pdf', '-q', '-o', join(work, 'pdf')]);
    expect(loaded).toContain('pdfkit');
    expect(loaded).toContain('fontkit');
  });

  it.each([
    ['--help', ['--help']],
    ['validate', ['validate', 'actions/']],
    ['list', ['list', 'actions/']],
    ['a text-only generate', [...text, '-o', join(work, 'txt')]],
  ])('%s loads neither', async (name, args) => {
    const loaded = await importsOf(name.replaceAll(/\W/g, ''), args);
    expect(loaded).not.toContain('pdfkit');
    expect(loaded).not.toContain('fontkit');
  });
});
