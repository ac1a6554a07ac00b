import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadActionText } from '../../src/load/load-action.js';
import { decodeUtf8 } from '../../src/load/read-source.js';
import { listTree } from '../helpers/files.js';
import { runBinary, type CliRun } from '../helpers/run-cli.js';
import { anyMutant, byteEdits } from './action-mutations.js';
import { diagnosticProblems } from './diagnostic-invariants.js';
import { FUZZ_SEED } from './fuzz-settings.js';

// The real binary on folders of fuzzed action files: `validate --format json`, `generate --dry-run`
// and `generate -f txt`, side by side. Each run spawns three processes, so there are few runs by
// default (CLI_FUZZ_RUNS, or a hundredth of FUZZ_RUNS under `npm run fuzz`), each on up to 5 files.

const CLI_RUNS = Number(process.env['CLI_FUZZ_RUNS'] ?? (process.env['FUZZ_RUNS'] ? Math.min(200, Math.ceil(Number(process.env['FUZZ_RUNS']) / 100)) : 4));
const TODAY = new Date().toISOString().slice(0, 10);

const work = mkdtempSync(join(tmpdir(), 'ua-letter-cli-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fileBytes = fc.oneof(
  { weight: 3, arbitrary: anyMutant.map((m) => ({ bytes: new TextEncoder().encode(m.text), note: `${m.kind}: ${m.note}` })) },
  { weight: 1, arbitrary: byteEdits },
);


function expectClean(run: CliRun, what: string): void {
  const output = `${run.stdout}${run.stderr}`;
  const context = `${what} (exit ${run.code})\n${output.slice(0, 4000)}`;
  expect(output, context).not.toMatch(/\n\s+at |^\s+at .+:\d+:\d+\)?$/m);
  expect(output, context).not.toMatch(/internal error/i);
  expect([0, 1], context).toContain(run.code);
}

/** What the library says of each file: the verdict the binary must agree with, and the slug it writes to. */
function expectedOf(path: string, bytes: Uint8Array) {
  const source = decodeUtf8(path, bytes);
  if (!source.ok) return { ok: false as const, lines: undefined };
  const result = loadActionText(path, source.text, TODAY);
  const lines = source.text.split('\n');
  if (!result.ok) return { ok: false as const, lines };
  // A closed action is valid, but generate refuses it (exit 1, no letters).
  const closed = result.action.status === 'closed';
  return { ok: true as const, slug: result.slug, letters: closed ? 0 : result.action.recipients.length, closed, lines };
}

describe('the binary on fuzzed action files', () => {
  it(`never crashes, agrees with the library, and writes letters only for valid files, inside the output folder (${CLI_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fileBytes, { minLength: 1, maxLength: 5 }), async (files) => {
        const caseDir = mkdtempSync(join(work, 'run-'));
        const cwd = join(caseDir, 'a', 'b', 'c');
        const input = join(caseDir, 'in');
        mkdirSync(cwd, { recursive: true });
        mkdirSync(input);
        const expected = new Map<string, ReturnType<typeof expectedOf>>();
        const slugs = new Set<string>();
        files.forEach(({ bytes }, i) => {
          const path = join(input, `f${i}.yaml`);
          const verdict = expectedOf(path, bytes);
          // Two valid actions with one slug would share an output folder (a known generate bug): keep one.
          if (verdict.ok && slugs.has(verdict.slug)) return;
          if (verdict.ok) slugs.add(verdict.slug);
          writeFileSync(path, bytes);
          expected.set(path, verdict);
        });
        const before = listTree(caseDir);
        const anyInvalid = [...expected.values()].some((v) => !v.ok);
        const anyRefused = anyInvalid || [...expected.values()].some((v) => v.ok && v.closed);

        const [validate, dryRun, generate] = await Promise.all([
          runBinary(['validate', input, '--format', 'json'], { cwd }),
          runBinary(['generate', input, '--dry-run', '-o', 'dry', '-f', 'txt', '--allow-expired'], { cwd }),
          runBinary(['generate', input, '-o', 'out', '-f', 'txt', '--allow-expired'], { cwd }),
        ]);
        const notes = files.map((f, i) => `f${i}.yaml: ${f.note.slice(0, 200)}`).join('\n');
        const context = `${notes}\n--- generate (exit ${generate.code})\n${generate.stdout}${generate.stderr}`.slice(0, 6000);
        expectClean(validate, 'validate');
        expectClean(dryRun, 'generate --dry-run');
        expectClean(generate, 'generate');
        const exit = anyRefused ? 1 : 0;
        expect({ validate: validate.code, dryRun: dryRun.code, generate: generate.code }, context).toEqual({ validate: anyInvalid ? 1 : 0, dryRun: exit, generate: exit });

        // validate: one verdict per file, the library's, in well-formed diagnostics.
        const diagnostics = JSON.parse(validate.stdout) as Diagnostic[];
        for (const [path, verdict] of expected) {
          const own = diagnostics.filter((d) => d.file === path);
          expect(own.some((d) => d.severity === 'error'), `${path}: ${JSON.stringify(own.slice(0, 3))}`).toBe(!verdict.ok);
          expect(own.flatMap((d) => diagnosticProblems(d, path, verdict.lines))).toEqual([]);
        }

        // generate: nothing outside out/, nothing from the dry run, and letters for exactly the valid files.
        const added = listTree(caseDir).filter((path) => !before.includes(path));
        expect(added.filter((path) => !path.startsWith('a/b/c/out/') && path !== 'a/b/c/out/')).toEqual([]);
        const written = added.filter((path) => path.endsWith('.txt')).map((path) => path.slice('a/b/c/out/'.length));
        for (const verdict of expected.values()) {
          if (!verdict.ok) continue;
          expect(written.filter((path) => path.startsWith(`${verdict.slug}/`)), `${verdict.slug}\n${context}`).toHaveLength(verdict.letters);
        }
        const writing = new Set([...expected.values()].flatMap((v) => (v.ok && v.letters > 0 ? [v.slug] : [])));
        expect(written.filter((path) => !writing.has(path.split('/')[0] ?? '')), `letters of invalid or refused files\n${context}`).toEqual([]);
      }),
      { seed: FUZZ_SEED, numRuns: CLI_RUNS, endOnFailure: true },
    );
  }, Math.max(600_000, CLI_RUNS * 10_000));
});
