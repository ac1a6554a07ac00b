import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runBinary, type CliRun } from '../helpers/run-cli.js';

// Hostile inputs, run through the real binary twice: `validate`, then `generate -f pdf,txt`. Each run
// must end with the expected exit code and one clear line per problem naming the file (with line:col
// where the problem has a position), never a stack trace; and generate must write nothing outside the
// output folder, nothing at all for invalid input, and only short, safe file names.
//
// Every case runs from <case>/a/b/c with `-o out`, so a path that escaped the output folder (e.g. a
// recipient named ../../../tmp/x) would land inside <case>, where the before/after listing sees it.

const work = mkdtempSync(join(tmpdir(), 'ua-letter-hostile-'));
afterAll(() => {
  chmodTree(work);
  rmSync(work, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const VALID = fixture('validate', 'valid.yaml');
const hostile = (name: string) => fixture('hostile', name);

interface Expectation {
  readonly code: 0 | 1 | 2;
  /** Text the output must contain. */
  readonly message?: string;
  /** Error lines expected (default: 1 when code is not 0, else 0). */
  readonly problems?: number;
  /** Each error line names the file with line:col (true), or names it without a position (false). */
  readonly position?: boolean;
}

interface GenerateExpectation extends Expectation {
  /** Letters are written (valid input), or nothing at all is. */
  readonly writes: boolean;
  /** The expectation is right but the code does not meet it yet (a bug outside load/validate/write). */
  readonly knownBug?: string;
}

interface HostileCase {
  readonly name: string;
  /** A fixture file, or a function that builds the input in `dir` and returns its path. */
  readonly input: string | ((dir: string) => string);
  readonly validate: Expectation;
  readonly generate: GenerateExpectation;
  readonly skip?: boolean;
  /** Formats to generate (default pdf,txt). */
  readonly formats?: string;
  /** Further checks on the written letters (paths relative to the output folder). */
  readonly letters?: (out: string, files: readonly string[]) => void;
}

const cases: readonly HostileCase[] = [
  {
    name: 'a YAML alias bomb (billion laughs)',
    input: hostile('alias-bomb.yaml'),
    validate: { code: 1, message: 'at most 100 aliases are expanded', position: true },
    generate: { code: 1, message: 'at most 100 aliases are expanded', position: true, writes: false },
  },
  {
    name: 'a 50 MB file',
    input: (dir) => {
      const path = join(dir, 'huge.yaml');
      // A valid action followed by 50 MB of comment: refused by size before a byte is parsed.
      writeFileSync(path, Buffer.concat([readFileSync(VALID), Buffer.alloc(50 * 1024 * 1024, '#')]));
      return path;
    },
    validate: { code: 1, message: 'the limit is 2.0 MB', position: false },
    generate: { code: 1, message: 'the limit is 2.0 MB', position: false, writes: false },
  },
  {
    name: '__proto__, constructor and prototype keys at the top level',
    input: hostile('proto-keys-top.yaml'),
    validate: { code: 1, message: 'unknown field "__proto__"', problems: 3, position: true },
    generate: { code: 1, message: 'unknown field "prototype"', problems: 3, position: true, writes: false },
  },
  {
    name: '__proto__, constructor and prototype keys inside a recipient',
    input: hostile('proto-keys-recipient.yaml'),
    validate: { code: 1, message: 'unknown field "constructor"', problems: 3, position: true },
    generate: { code: 1, message: 'unknown field "__proto__"', problems: 3, position: true, writes: false },
  },
  {
    name: 'a recipient named ../../../tmp/x',
    input: hostile('name-traversal.yaml'),
    validate: { code: 0 },
    generate: { code: 0, writes: true },
    letters: (_out, files) => expect(files).toContainEqual(expect.stringMatching(/(^|\/)01-tmp-x\.txt$/)),
  },
  {
    name: 'a recipient name with / and \\ and : * ? < > |',
    input: hostile('name-slashes.yaml'),
    validate: { code: 0 },
    generate: { code: 0, writes: true },
    letters: (_out, files) => expect(files).toContainEqual(expect.stringMatching(/(^|\/)01-a-b-c-d-e-f-g-h-i-j\.pdf$/)),
  },
  {
    name: 'a NUL character in a name (YAML escape "\\0")',
    input: hostile('name-nul.yaml'),
    validate: { code: 1, message: 'control character (U+0000)', position: true },
    generate: { code: 1, message: 'control character (U+0000)', position: true, writes: false },
  },
  {
    name: 'a recipient name of 500 characters, as text',
    input: hostile('name-500-chars.yaml'),
    formats: 'txt',
    validate: { code: 0 },
    generate: { code: 0, writes: true },
  },
  {
    name: 'a recipient name of 500 characters, as a PDF',
    input: hostile('name-500-chars.yaml'),
    validate: { code: 0 },
    // Refusing is right (the address cannot fit the envelope window); the diagnostic should point at
    // recipients[0] and the failed action should leave nothing behind.
    generate: {
      code: 1,
      message: 'does not fit',
      position: true,
      writes: false,
      knownBug: 'render/failed has no line:col, and the text letter and manifests of the failed action are written',
    },
  },
  {
    name: 'template syntax in text fields',
    input: hostile('template-injection.yaml'),
    validate: { code: 0 },
    generate: { code: 0, writes: true },
    letters: (out, files) => {
      const txt = files.find((f) => f.endsWith('.txt'));
      expect(txt).toBeDefined();
      const text = readFileSync(join(out, txt ?? ''), 'utf8').replace(/\s+/g, ' ');
      expect(text).toContain("{{constructor.constructor 'return process'}} {{#with __proto__}}polluted{{/with}} {{> letter}} {{{raw}}} {{lookup this 'x'}}");
      expect(text).toContain('{{@root.constructor}} Serik');
      expect(text).not.toMatch(/function|\[object|native code/);
    },
  },
  {
    name: 'a list instead of a map',
    input: hostile('list.yaml'),
    validate: { code: 1, message: 'got a list', position: true },
    generate: { code: 1, message: 'got a list', position: true, writes: false },
  },
  {
    name: 'a scalar instead of a map',
    input: hostile('scalar.yaml'),
    validate: { code: 1, message: 'got "UA 129/10"', position: true },
    generate: { code: 1, message: 'got "UA 129/10"', position: true, writes: false },
  },
  {
    name: 'an empty file',
    input: hostile('empty.yaml'),
    validate: { code: 1, message: 'the file is empty', position: true },
    generate: { code: 1, message: 'the file is empty', position: true, writes: false },
  },
  {
    name: 'a file with a byte-order mark',
    input: hostile('bom.yaml'),
    validate: { code: 0 },
    generate: { code: 0, writes: true },
  },
  {
    name: 'CRLF line endings',
    input: hostile('crlf.yaml'),
    validate: { code: 0 },
    generate: { code: 0, writes: true },
    letters: (out, files) => {
      for (const file of files.filter((f) => f.endsWith('.txt'))) expect(readFileSync(join(out, file), 'utf8')).not.toContain('\r');
    },
  },
  {
    name: 'a Windows-1252 file that is not UTF-8',
    input: hostile('windows-1252.yaml'),
    validate: { code: 1, message: ':22:14: error byte 0xE9 is not UTF-8', position: true },
    generate: { code: 1, message: ':22:14: error byte 0xE9 is not UTF-8', position: true, writes: false },
  },
  {
    name: 'an ANSI escape sequence in a name',
    input: hostile('control-chars.yaml'),
    validate: { code: 1, message: 'control character (U+001B)', position: true },
    generate: { code: 1, message: 'control character (U+001B)', position: true, writes: false },
  },
  {
    name: 'a key written twice',
    input: hostile('duplicate-keys.yaml'),
    validate: { code: 1, message: 'Map keys must be unique', position: true },
    generate: { code: 1, message: 'Map keys must be unique', position: true, writes: false },
  },
  {
    name: 'YAML tags that other parsers execute (!!python/object, !!js/function)',
    input: hostile('yaml-tags.yaml'),
    validate: { code: 1, message: 'Unresolved tag', position: true },
    generate: { code: 1, message: 'expected the country as text', position: true, writes: false },
  },
  {
    name: 'lists nested 10 000 deep',
    input: hostile('deep-nesting.yaml'),
    validate: { code: 1, message: 'nested too deeply', position: true },
    generate: { code: 1, message: 'nested too deeply', position: true, writes: false },
  },
  {
    name: 'a folder named x.yaml',
    input: hostile('folder-named.yaml'),
    validate: { code: 1, message: 'no action files', position: false },
    generate: { code: 1, message: 'no action files', position: false, writes: false, knownBug: 'generate says "no action files found" without naming the folder' },
  },
  {
    name: 'a folder with a symbolic link loop',
    input: (dir) => {
      const folder = join(dir, 'loop');
      mkdirSync(folder);
      copyFileSync(VALID, join(folder, 'action.yaml'));
      symlinkSync('.', join(folder, 'self'));
      symlinkSync('..', join(folder, 'parent'));
      return folder;
    },
    validate: { code: 0, message: '1 file checked' },
    generate: { code: 0, writes: true },
    letters: (_out, files) => expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(1),
  },
  {
    name: 'action files that are links in a loop',
    input: (dir) => {
      const folder = join(dir, 'links');
      mkdirSync(folder);
      symlinkSync('b.yaml', join(folder, 'a.yaml'));
      symlinkSync('a.yaml', join(folder, 'b.yaml'));
      return folder;
    },
    validate: { code: 2, message: 'too many symbolic links' },
    generate: { code: 2, message: 'too many symbolic links', writes: false },
  },
  {
    name: 'an action file linked into the folder',
    input: (dir) => {
      const folder = join(dir, 'linked');
      mkdirSync(folder);
      symlinkSync(VALID, join(folder, 'shared.yaml'));
      return folder;
    },
    validate: { code: 0, message: '1 file checked' },
    generate: { code: 0, writes: true },
  },
  {
    name: 'a file without read permission',
    skip: isRoot || process.platform === 'win32',
    input: (dir) => {
      const path = join(dir, 'secret.yaml');
      copyFileSync(VALID, path);
      chmodSync(path, 0o000);
      return path;
    },
    validate: { code: 2, message: 'permission denied' },
    generate: { code: 2, message: 'permission denied', writes: false },
  },
];

/** Every file and folder under `root`, relative, sorted. */
function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      out.push(relative(root, path).split(sep).join('/') + (entry.isDirectory() ? '/' : ''));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return out.sort();
}

/** Gives back read permission under `root` so it can be removed; links are skipped (chmod would follow them). */
function chmodTree(root: string): void {
  for (const path of listTree(root)) {
    if (!lstatSync(join(root, path)).isSymbolicLink()) chmodSync(join(root, path), 0o755);
  }
}

/** The lines that report an error: stylish `file[:line:col]: error …`, or a failure `error: …`. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /^error: |: error /.test(line));
}

function expectRun(run: CliRun, expected: Expectation, file: string, what: string): void {
  const output = `${run.stdout}${run.stderr}`;
  const context = `${what}\n--- stdout\n${run.stdout.slice(0, 3000)}\n--- stderr\n${run.stderr.slice(0, 3000)}`;
  expect(output, context).not.toMatch(/\n\s+at |^\s+at .+:\d+:\d+\)?$/m);
  expect(output, context).not.toMatch(/internal error/i);
  // Text from the file is never sent raw to the terminal (no colours either: NO_COLOR is set).
  expect(output, context).not.toContain('\u001b');
  expect(run.code, context).toBe(expected.code);
  if (expected.message) expect(output, context).toContain(expected.message);
  const errors = errorLines(output);
  expect(errors, context).toHaveLength(expected.problems ?? (expected.code === 0 ? 0 : 1));
  for (const line of errors) {
    if (expected.position === true) expect(line.startsWith(`${file}:`) && /^.+?:\d+:\d+: error /.test(line), `${line}\n${context}`).toBe(true);
    else if (expected.position === false) expect(line.startsWith(`${file}: error `) || (line.startsWith('error: ') && line.includes(file)), `${line}\n${context}`).toBe(true);
    else expect(line, context).toContain(file.split(sep).pop() ?? file);
  }
}

/** A fresh folder for one run: the input is built in <case>/input, the binary runs in <case>/a/b/c. */
function prepare(c: HostileCase): { caseDir: string; cwd: string; file: string; before: string[] } {
  const caseDir = mkdtempSync(join(work, 'case-'));
  const cwd = join(caseDir, 'a', 'b', 'c');
  mkdirSync(cwd, { recursive: true });
  const inputDir = join(caseDir, 'input');
  mkdirSync(inputDir);
  const file = typeof c.input === 'string' ? c.input : c.input(inputDir);
  return { caseDir, cwd, file, before: listTree(caseDir) };
}

describe.concurrent('hostile inputs through the real binary', { timeout: 60_000 }, () => {
  for (const c of cases) {
    const skip = c.skip ?? false;

    it.skipIf(skip)(`validate: ${c.name}`, async () => {
      const { caseDir, cwd, file, before } = prepare(c);
      const run = await runBinary(['validate', file], { cwd });
      expectRun(run, c.validate, file, `validate ${file}`);
      expect(listTree(caseDir), 'validate writes nothing').toEqual(before);
    });

    // A known bug elsewhere in the code base is recorded as a failing expectation: when it is fixed,
    // this test fails and the mark (and the bug's description) can go.
    const generateTest = skip ? it.skip : c.generate.knownBug ? it.fails : it;
    generateTest(`generate: ${c.name}${c.generate.knownBug ? ` (known bug: ${c.generate.knownBug})` : ''}`, async () => {
      const { caseDir, cwd, file, before } = prepare(c);
      const formats = c.formats ?? 'pdf,txt';
      const run = await runBinary(['generate', file, '-o', 'out', '-f', formats, '--allow-expired'], { cwd });
      expectRun(run, c.generate, file, `generate ${file}`);

      const added = listTree(caseDir).filter((path) => !before.includes(path));
      if (!c.generate.writes) {
        expect(added, 'nothing is written for invalid input').toEqual([]);
        return;
      }
      const outside = added.filter((path) => !path.startsWith('a/b/c/out/'));
      expect(outside, 'nothing is written outside the output folder').toEqual([]);
      const letters = added.filter((path) => !path.endsWith('/')).map((path) => path.slice('a/b/c/out/'.length));
      for (const format of formats.split(',')) expect(letters.filter((f) => f.endsWith(`.${format}`)).length, `a ${format} letter`).toBeGreaterThan(0);
      for (const path of letters) {
        for (const part of path.split('/')) {
          expect(Buffer.byteLength(part), part).toBeLessThanOrEqual(255);
          expect(part, path).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
        }
      }
      c.letters?.(join(cwd, 'out'), letters);
    });
  }
});

// Templates that reach for the prototype chain, as a --templates override of en/letter.hbs. Each must
// be refused with a message naming the template file and line, or render without a trace of what it
// reached for.
interface TemplateCase {
  readonly name: string;
  readonly folder: string;
  /** Refused: the exit code and the text the one error line holds (file:line:col); or rendered (0). */
  readonly code: 0 | 1 | 2;
  readonly message?: string;
  readonly knownBug?: string;
}

const templateCases: readonly TemplateCase[] = [
  { name: '{{constructor.constructor}}', folder: 'constructor-chain', code: 2, message: 'constructor-chain/en/letter.hbs:3:' },
  { name: '{{lookup this "__proto__"}}', folder: 'lookup-proto', code: 2, message: 'lookup-proto/en/letter.hbs:3:' },
  { name: '{{#with __proto__}} and {{#with constructor}}', folder: 'with-proto', code: 0 },
  { name: '{{valueOf}}, {{this.__proto__}}, {{[constructor]}}, {{@root.__proto__}}, ...', folder: 'proto-fields', code: 0 },
  { name: '{{#each __proto__}} and __proto__ as a key of {{#each this}}', folder: 'each-proto', code: 0 },
  { name: 'a dynamic partial {{> (lookup . "constructor")}}', folder: 'dynamic-partial', code: 2, message: 'dynamic-partial/en/letter.hbs:3:' },
  {
    name: 'a partial named __proto__',
    folder: 'proto-partial',
    code: 2,
    message: 'proto-partial/en/letter.hbs:3:',
    knownBug: 'proto-partial/en/__proto__.hbs exists, yet "The partial __proto__ could not be found", with no line:col',
  },
  { name: 'strings.json with a __proto__ key', folder: 'strings-proto', code: 2, message: 'strings-proto/en/letter.hbs:3:' },
];

/** What a template must not print: functions, objects, and the markers the fixtures put behind __proto__. */
const PROTOTYPE_TRACES = /function|\[object|native code|PROTO|CTOR|Object|prototype/;

describe.concurrent('hostile templates (--templates DIR)', { timeout: 60_000 }, () => {
  for (const c of templateCases) {
    const test = c.knownBug ? it.fails : it;
    test(`${c.name}${c.knownBug ? ` (known bug: ${c.knownBug})` : ''}`, async () => {
      const caseDir = mkdtempSync(join(work, 'template-'));
      const cwd = join(caseDir, 'a', 'b', 'c');
      mkdirSync(cwd, { recursive: true });
      const templates = hostile(join('templates', c.folder));
      const run = await runBinary(['generate', VALID, '-o', 'out', '-f', 'txt', '--allow-expired', '--templates', templates], { cwd });
      const output = `${run.stdout}${run.stderr}`;
      const context = `exit ${run.code}\n${output}`;
      expect(output, context).not.toMatch(/\n\s+at |^\s+at .+:\d+:\d+\)?$/m);
      expect(output, context).not.toMatch(/internal error/i);
      expect(run.code, context).toBe(c.code);
      const written = listTree(caseDir).filter((path) => path.endsWith('.txt'));
      if (c.code !== 0) {
        const errors = errorLines(output);
        expect(errors, context).toHaveLength(1);
        expect(errors[0], context).toContain(c.message ?? '');
        expect(written, 'nothing is written').toEqual([]);
        return;
      }
      expect(written, context).toHaveLength(1);
      const letter = readFileSync(join(caseDir, written[0] ?? ''), 'utf8');
      expect(letter).toContain('Dear Minister');
      expect(letter).not.toMatch(PROTOTYPE_TRACES);
    });
  }
});
