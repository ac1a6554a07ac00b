import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { runBinary } from '../helpers/run-cli.js';

const dir = 'test/fixtures/validate';
const today = ['--today', '2010-10-01'];

// One row per bad file: where the problem is and what code it gets, checked in all three formats.
const cases = [
  { file: 'misspelled-key.yaml', line: 10, column: 1, code: 'schema/unknown-key', text: 'did you mean "deadline"?' },
  { file: 'wrong-type.yaml', line: 5, column: 9, code: 'schema/invalid-type', text: 'expected a whole number' },
  { file: 'bad-date.yaml', line: 10, column: 11, code: 'schema/invalid-format', text: 'YYYY-MM-DD' },
  { file: 'no-channel.yaml', line: 20, column: 5, code: 'rule/no-channel', text: 'cannot be reached' },
  { file: 'syntax-error.yaml', line: 12, column: 1, code: 'yaml/bad-indent', text: 'YAML syntax' },
  { file: 'missing-salutation.yaml', line: 27, column: 7, code: 'rule/missing-salutation', text: 'no salutation in "ru"' },
  { file: 'bad-email.yaml', line: 25, column: 13, code: 'rule/bad-email', text: 'does not look like an email address' },
  { file: 'deadline-before-issue.yaml', line: 10, column: 11, code: 'rule/deadline-before-issue', text: 'is not after the issue date' },
  { file: 'proto-key.yaml', line: 7, column: 1, code: 'schema/unknown-key', text: 'unknown field "__proto__"' },
  { file: 'windows-1252.yaml', line: 3, column: 11, code: 'input/not-utf8', text: 'byte 0xF4 is not UTF-8' },
  { file: 'alias-bomb.yaml', line: 1, column: 1, code: 'yaml/too-many-aliases', text: 'aliases' },
] as const;

describe('ua-letter validate', () => {
  it('accepts the example actions', async () => {
    const run = await runBinary(['validate', 'actions/', '--today', '2010-10-01']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/files? checked/);
    expect(run.code).toBe(0);
  });

  it('holds a recent-style UA: every channel kind, no named person, c/o routing, pronouns, update chain', async () => {
    const run = await runBinary(['validate', `${dir}/modern-ua.yaml`, '--today', '2024-03-20', '--strict']);
    expect(run.stdout).toBe('1 file checked, no problems\n');
    expect(run.code).toBe(0);
  });

  it('accepts a valid file with a BOM and CRLF line endings', async () => {
    const run = await runBinary(['validate', `${dir}/bom-crlf.yaml`, ...today]);
    expect(run.stdout).toContain('no problems');
    expect(run.code).toBe(0);
  });

  for (const c of cases) {
    const path = `${dir}/${c.file}`;
    it(`${c.file}: stylish names ${c.line}:${c.column} and exits 1`, async () => {
      const run = await runInProcess(['validate', path, ...today]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${path}:${c.line}:${c.column}: error`);
      expect(run.stdout).toContain(c.text);
      expect(run.stdout).toContain(`(${c.code})`);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    });
    it(`${c.file}: json and github carry the same position`, async () => {
      const json = await runInProcess(['validate', path, '--format', 'json', ...today]);
      expect(json.code).toBe(1);
      const diagnostics = JSON.parse(json.stdout) as { code: string; line: number; column: number; file: string }[];
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: c.code, line: c.line, column: c.column, file: path }));
      const github = await runInProcess(['validate', path, '--format', 'github', ...today]);
      expect(github.code).toBe(1);
      expect(github.stdout).toContain(`::error file=${path},line=${c.line},col=${c.column},title=${c.code.replace(':', '%3A')}::`);
    });
  }

  it('reports an expired open action as a warning, and --strict makes it an error', async () => {
    const valid = `${dir}/valid.yaml`;
    const lenient = await runBinary(['validate', valid, '--today', '2011-01-01']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('warning the deadline 2010-10-29 has passed');
    const strict = await runBinary(['validate', valid, '--today', '2011-01-01', '--strict']);
    expect(strict.code).toBe(1);
  });

  it('searches folders recursively and reports every bad file', async () => {
    const run = await runBinary(['validate', dir, '--format', 'json', ...today]);
    expect(run.code).toBe(1);
    const diagnostics = JSON.parse(run.stdout) as { file: string; code: string; line: number; column: number }[];
    expect(new Set(diagnostics.map((d) => d.file)).size).toBe(cases.length);
    // The same table through the real binary: every case at its place.
    for (const c of cases) {
      expect(diagnostics).toContainEqual(expect.objectContaining({ file: `${dir}/${c.file}`, code: c.code, line: c.line, column: c.column }));
    }
  });

  it('checks many files in worker threads (--jobs) and reports for each copy what one file alone gets', async () => {
    // Enough copies of the (small) fixtures, good and bad, for validate to start workers (400 files).
    const many = mkdtempSync(join(tmpdir(), 'ua-letter-validate-many-'));
    afterAll(() => rmSync(many, { recursive: true, force: true }));
    const names = readdirSync(dir).sort();
    const copies = Array.from({ length: 420 }, (_, i) => ({ name: names[i % names.length]!, copy: `${String(i).padStart(3, '0')}-${names[i % names.length]}` }));
    for (const { name, copy } of copies) cpSync(join(dir, name), join(many, copy));
    type Reported = { file: string; line: number; column: number; code: string; message: string; severity: string };
    const alone = JSON.parse((await runBinary(['validate', dir, '--format', 'json', ...today])).stdout) as Reported[];
    const two = await runBinary(['validate', many, '--format', 'json', ...today, '--jobs', '2']);
    expect(two.code).toBe(1);
    expect(two.stderr).toBe('');
    // Each copy, in file order, gets exactly the diagnostics of its original.
    const expected = copies.flatMap(({ name, copy }) => alone.filter((d) => d.file === join(dir, name)).map((d) => ({ ...d, file: join(many, copy) })));
    expect(expected.length).toBeGreaterThan(copies.length / 2);
    expect(JSON.parse(two.stdout)).toEqual(expected);
    const usage = await runBinary(['validate', many, '--jobs', '0']);
    expect(usage.code).toBe(2);
  });

  it('exits 2 for a missing path and for a usage error, without a stack trace', async () => {
    const missing = await runBinary(['validate', 'no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: no/such/folder: no such file or folder\n');
    const usage = await runBinary(['validate', '--format', 'xml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument 'xml' is invalid");
    const date = await runBinary(['validate', '--today', '2010-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--today expects a date written YYYY-MM-DD');
  });
});
