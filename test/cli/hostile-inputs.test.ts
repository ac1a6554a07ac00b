import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTree } from '../helpers/files.js';
import { fixture, runBinary, type CliRun } from '../helpers/run-cli.js';

// Hostile inputs, run through the real binary: `validate`, and `generate -f pdf,txt`. Each run
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
  /** Warning lines expected, when they show something (e.g. that a file was checked exactly once). */
  readonly warnings?: number;
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
  /** The output folder of the action, when it is not the input's file name (a folder of actions). */
  readonly slug?: string;
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
    name: 'a device that never ends (/dev/zero)',
    skip: process.platform === 'win32',
    input: '/dev/zero',
    validate: { code: 1, message: 'file is more than 2.0 MB', position: false },
    generate: { code: 1, message: 'file is more than 2.0 MB', position: false, writes: false },
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
    validate: { code: 1, message: 'the key "country" is already in this map, on line 7', position: true },
    generate: { code: 1, message: 'the key "country" is already in this map, on line 7', position: true, writes: false },
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
    generate: { code: 1, message: 'no action files (*.yaml, *.yml) in this folder', position: false, writes: false },
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
    slug: 'action',
    // The action's expired deadline is a warning: seeing it once shows the file was checked once.
    validate: { code: 0, message: 'action.yaml:', warnings: 1 },
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
    slug: 'shared',
    validate: { code: 0, message: 'shared.yaml:', warnings: 1 },
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

const inputs = new Map<HostileCase, string>();

/** The input of a case: the fixture, or built once in <work>/inputs/<n>/ (read only by the runs). */
function inputOf(c: HostileCase): string {
  let file = inputs.get(c);
  if (file === undefined) {
    const dir = join(work, 'inputs', String(cases.indexOf(c)));
    mkdirSync(dir, { recursive: true });
    file = typeof c.input === 'string' ? c.input : c.input(dir);
    inputs.set(c, file);
  }
  return file;
}

/** A fresh folder to run in: the binary runs in <case>/a/b/c, so <case> shows anything written outside. */
function prepare(c: HostileCase): { caseDir: string; cwd: string; file: string; before: string[] } {
  const caseDir = mkdtempSync(join(work, 'case-'));
  const cwd = join(caseDir, 'a', 'b', 'c');
  mkdirSync(cwd, { recursive: true });
  return { caseDir, cwd, file: inputOf(c), before: listTree(caseDir) };
}

// Each process costs half a second of CPU (a PDF run three times that), so inputs that behave alike
// share one: validate runs once on every input that does not stop a run; generate once on every
// invalid input, and once on every valid one (generate reads and reports each file on its own, and
// writes each action's letters to its own folder). Each input's lines and letters are checked on
// their own; a file's exit code is 1 exactly when it has an error line, so a shared run's code is the
// highest of them. Inputs that stop a run (exit 2), that need other flags, or whose generate test
// marks a known bug run alone.
const active = (c: HostileCase) => !(c.skip ?? false);
const stopsRun = (c: HostileCase) => c.validate.code === 2;
type Batch = 'validate' | 'generate-invalid' | 'generate-valid';
const MEMBERS: Record<Batch, (c: HostileCase) => boolean> = {
  validate: (c) => active(c) && !stopsRun(c),
  'generate-invalid': (c) => active(c) && c.generate.code === 1 && !c.generate.writes && !c.generate.knownBug,
  'generate-valid': (c) => active(c) && c.generate.code === 0 && c.generate.writes && c.formats === undefined,
};
const generateBatch = (c: HostileCase): Batch | undefined =>
  MEMBERS['generate-invalid'](c) ? 'generate-invalid' : MEMBERS['generate-valid'](c) ? 'generate-valid' : undefined;

interface BatchRun {
  readonly run: CliRun;
  readonly caseDir: string;
  readonly before: readonly string[];
  readonly code: number;
}
const batches = new Map<Batch, Promise<BatchRun>>();
function batchRun(batch: Batch): Promise<BatchRun> {
  let pending = batches.get(batch);
  if (!pending) {
    pending = (async () => {
      const caseDir = mkdtempSync(join(work, `${batch}-`));
      const cwd = join(caseDir, 'a', 'b', 'c');
      mkdirSync(cwd, { recursive: true });
      const members = cases.filter(MEMBERS[batch]);
      const before = listTree(caseDir);
      const args = batch === 'validate' ? ['validate'] : ['generate', '-o', 'out', '-f', 'pdf,txt', '--allow-expired'];
      const run = await runBinary([...args, ...members.map(inputOf)], { cwd });
      const code = Math.max(...members.map((c) => (batch === 'validate' ? c.validate.code : c.generate.code)));
      return { run, caseDir, before, code };
    })();
    batches.set(batch, pending);
  }
  return pending;
}

/** Checks letters written for one action: inside the output folder, in each format, with safe short names. */
function expectLetters(c: HostileCase, out: string, letters: readonly string[], formats: string): void {
  for (const format of formats.split(',')) expect(letters.filter((f) => f.endsWith(`.${format}`)).length, `a ${format} letter`).toBeGreaterThan(0);
  for (const path of letters) {
    for (const part of path.split('/')) {
      expect(Buffer.byteLength(part), part).toBeLessThanOrEqual(255);
      expect(part, path).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    }
  }
  c.letters?.(out, letters);
}

function expectBatchLines({ run, code }: BatchRun, expected: Expectation, file: string): void {
  const output = `${run.stdout}${run.stderr}`;
  const own = output.split('\n').filter((line) => line.startsWith(`${file}:`) || line.startsWith(`${file}/`));
  const context = `${file}\n--- its lines\n${own.join('\n')}`;
  expect(output).not.toMatch(/\n\s+at |^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/internal error/i);
  expect(output).not.toContain('\u001b');
  expect(run.code, 'the shared run exits with the highest code of its inputs').toBe(code);
  const errors = own.filter((line) => / error /.test(line));
  expect(errors, context).toHaveLength(expected.problems ?? (expected.code === 0 ? 0 : 1));
  if (expected.warnings !== undefined) expect(own.filter((line) => / warning /.test(line)), context).toHaveLength(expected.warnings);
  if (expected.message) expect(own.join('\n'), context).toContain(expected.message);
  for (const line of errors) {
    if (expected.position === true) expect(/^.+?:\d+:\d+: error /.test(line), `${line}\n${context}`).toBe(true);
    else if (expected.position === false) expect(line.startsWith(`${file}: error `), `${line}\n${context}`).toBe(true);
  }
}

describe.concurrent('hostile inputs through the real binary', { timeout: 60_000 }, () => {
  for (const c of cases) {
    const skip = c.skip ?? false;

    it.skipIf(skip)(`validate: ${c.name}`, async () => {
      if (stopsRun(c)) {
        const { caseDir, cwd, file, before } = prepare(c);
        const run = await runBinary(['validate', file], { cwd });
        expectRun(run, c.validate, file, `validate ${file}`);
        expect(listTree(caseDir), 'validate writes nothing').toEqual(before);
        return;
      }
      const batch = await batchRun('validate');
      expectBatchLines(batch, c.validate, inputOf(c));
      expect(listTree(batch.caseDir), 'validate writes nothing').toEqual(batch.before);
    });

    // A known bug elsewhere in the code base is recorded as a failing expectation: when it is fixed,
    // this test fails and the mark (and the bug's description) can go.
    const generateTest = skip ? it.skip : c.generate.knownBug ? it.fails : it;
    generateTest(`generate: ${c.name}${c.generate.knownBug ? ` (known bug: ${c.generate.knownBug})` : ''}`, async () => {
      const shared = generateBatch(c);
      if (shared) {
        const batch = await batchRun(shared);
        const file = inputOf(c);
        expectBatchLines(batch, c.generate, file);
        const added = listTree(batch.caseDir).filter((path) => !batch.before.includes(path));
        if (shared === 'generate-invalid') {
          expect(added, 'nothing is written for invalid input').toEqual([]);
          return;
        }
        expect(added.filter((path) => !path.startsWith('a/b/c/out/')), 'nothing is written outside the output folder').toEqual([]);
        const slug = c.slug ?? basename(file, extname(file));
        const letters = added.filter((path) => path.startsWith(`a/b/c/out/${slug}/`) && !path.endsWith('/')).map((path) => path.slice('a/b/c/out/'.length));
        expectLetters(c, join(batch.caseDir, 'a/b/c/out'), letters, 'pdf,txt');
        return;
      }
      const { caseDir, cwd, file, before } = prepare(c);
      const formats = c.formats ?? 'pdf,txt';
      const run = await runBinary(['generate', file, '-o', 'out', '-f', formats, '--allow-expired'], { cwd });
      expectRun(run, c.generate, file, `generate ${file}`);

      const added = listTree(caseDir).filter((path) => !before.includes(path));
      if (!c.generate.writes) {
        expect(added, 'nothing is written for invalid input').toEqual([]);
        return;
      }
      expect(added.filter((path) => !path.startsWith('a/b/c/out/')), 'nothing is written outside the output folder').toEqual([]);
      const letters = added.filter((path) => !path.endsWith('/')).map((path) => path.slice('a/b/c/out/'.length));
      expectLetters(c, join(cwd, 'out'), letters, formats);
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
