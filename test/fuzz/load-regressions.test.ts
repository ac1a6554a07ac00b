import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadActionText } from '../../src/load/load-action.js';
import { readSourceText } from '../../src/load/read-source.js';
import { positionIndex } from '../../src/load/source-map.js';
import { fixture } from '../helpers/run-cli.js';
import { expectWellFormed } from './diagnostic-invariants.js';

const valid = readFileSync(fixture('validate', 'valid.yaml'), 'utf8');

// Counterexamples the property tests found, shrunk by hand and kept as plain examples so they run
// whatever the seed and the number of runs.

describe('load: counterexamples found by fuzzing', () => {
  it('counts lines from the text, also past a token the parser rejected', () => {
    // yaml's LineCounter missed the line break inside the rejected "*a," in "*a,\nb: {" and put offset 8
    // on line 1, column 9. Only the first syntax error is reported now, so this is checked directly.
    const positionOf = positionIndex('*a,\nb: {\nc: 1\r\nd');
    expect(positionOf(8)).toEqual({ line: 2, column: 5 });
    expect(positionOf(0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(15)).toEqual({ line: 4, column: 1 });
    expect(positionOf(99)).toEqual({ line: 4, column: 2 });
  });

  it('reports the first syntax error, not the cascade after it', () => {
    // One space missing after a dash gave 8 errors (a stray quote, up to a hundred) for one problem.
    const text = valid.replace('  - title: Minister', '  -title: Minister');
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expectWellFormed(result.diagnostics, 'f.yaml', text);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 20, code: expect.stringMatching(/^yaml\//) });
  });

  it('says a document nested too deeply is nested too deeply, once', () => {
    const text = `${valid}extra: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expectWellFormed(result.diagnostics, 'f.yaml', text);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'yaml/resource-exhaustion', message: 'YAML: lists or maps are nested too deeply to read' })]);
  });

  it('keeps a message on one line, whatever the text it quotes', () => {
    // A value or key with a line break, a paragraph separator or a bidi override went into messages raw.
    const messagesFor = (text: string) => {
      const result = loadActionText('f.yaml', text, '2010-10-01');
      expectWellFormed(result.diagnostics, 'f.yaml', text);
      return result.diagnostics.map((d) => d.message);
    };
    expect(messagesFor(valid.replace('index: EUR 57/004/2010', 'index: "EUR 57/004\\n2010"'))).toContain(
      '"EUR 57/004\\n2010" does not look like an index such as "EUR 57/004/2010"',
    );
    expect(messagesFor(`${valid}"dead\\nline\\u202E": 1\n`)).toContainEqual(expect.stringContaining('unknown field "dead\\nline\\u202E"'));
    expect(messagesFor(valid.replace('languages: [en, ru]', 'languages: [en, "r\\Pu"]'))).toContainEqual(expect.stringContaining('got "r\\u2029u"'));
  });

  it('shortens a message about a huge key or token', () => {
    const key = 'k'.repeat(300_000);
    const text = `${valid}? ${key}\n: 1\n`;
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expectWellFormed(result.diagnostics, 'f.yaml', text);
    expect(result.diagnostics[0]?.message).toMatch(/^unknown field "k{40}…"/);
    const broken = loadActionText('f.yaml', `${valid}\n  ${'x'.repeat(300_000)}\n`, '2010-10-01');
    expect(broken.ok).toBe(false);
    for (const d of broken.diagnostics) expect(d.message.length).toBeLessThan(300);
  });

  it('refuses an alias inside the list or map it names, instead of overflowing the stack', () => {
    // &a [*a] became a circular object; the validator walked it until the stack ran out (internal error).
    for (const [text, line, column] of [
      [`${valid}extra: &a [*a]\n`, 29, 12],
      [valid.replace('recipients:\n', 'recipients: &r\n  - *r\n'), 20, 5],
    ] as const) {
      const result = loadActionText('f.yaml', text, '2010-10-01');
      expectWellFormed(result.diagnostics, 'f.yaml', text);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'yaml/circular-alias', line, column })]);
    }
  });

  it('refuses a list used as a key, and prints nothing', () => {
    // The yaml package warned on the process's stderr ("Keys with collection values will be stringified").
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const text = `${valid}? [a, b]\n: 1\n`;
      const result = loadActionText('f.yaml', text, '2010-10-01');
      expectWellFormed(result.diagnostics, 'f.yaml', text);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'yaml/complex-key', line: 29, column: 3 })]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('names an alias with no anchor', () => {
    const text = valid.replace('country: Kazakhstan', 'country: *land');
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'yaml/unresolved-alias', message: 'YAML: the alias *land has no anchor &land before it', line: 6, column: 10 })]);
  });
});


describe('readSourceText: counterexamples', () => {
  it.skipIf(process.platform === 'win32')('stops reading a device at the size limit (stat says 0 bytes)', async () => {
    // readFile('/dev/zero') read until memory ran out: `ua-letter validate /dev/zero` never returned.
    const result = await readSourceText('/dev/zero');
    expect(result).toEqual({ ok: false, diagnostic: expect.objectContaining({ code: 'input/too-large', message: expect.stringContaining('file is more than 2.0 MB; the limit is 2.0 MB') }) });
  });

  it('reads a file of exactly the limit, and refuses one byte more', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-letter-read-'));
    try {
      writeFileSync(join(dir, 'at.yaml'), 'a'.repeat(100));
      writeFileSync(join(dir, 'over.yaml'), 'a'.repeat(101));
      expect(await readSourceText(join(dir, 'at.yaml'), 100)).toEqual({ ok: true, text: 'a'.repeat(100) });
      expect(await readSourceText(join(dir, 'over.yaml'), 100)).toMatchObject({ ok: false, diagnostic: { code: 'input/too-large' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validate: files with very many problems', () => {
  const manyLines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

  it('finds duplicate keys in linear time, also 1 and "1"', () => {
    // yaml's uniqueKeys compared every key with every other: 40 000 keys took 38 s (150 000, minutes).
    const text = `${valid}${manyLines(15_000, (i) => `k${i}: 1`)}\n"1": a\n1: b\n`;
    const started = performance.now();
    const result = loadActionText('f.yaml', text, '2010-10-01');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'yaml/duplicate-key', message: 'YAML: the key "1" is already in this map, on line 15029', line: 15030, column: 1 })]);
  }, 30_000);

  it('reports the first 100 problems of a file and counts the rest, quickly and without overflowing the stack', () => {
    // 150 000 unknown keys took minutes (each one's position was looked up in the whole map); 150 000
    // bad list items overflowed the stack (push(...diagnostics)) and the CLI said "internal error".
    // Fewer here, to keep the test quick: past the limit a problem costs next to nothing.
    for (const text of [
      `${valid}${manyLines(3_000, (i) => `k${i}: 1`)}\n`,
      valid.replace('languages: [en, ru]', `languages:\n${manyLines(3_000, (i) => `  - x${i}`)}`),
      valid.replace('languages: [en, ru]', `languages:\n${manyLines(3_000, () => '  - "\\a"')}`),
    ]) {
      const started = performance.now();
      const result = loadActionText('f.yaml', text, '2010-10-01');
      expect(performance.now() - started).toBeLessThan(5_000);
      expectWellFormed(result.diagnostics, 'f.yaml', text);
      expect(result.diagnostics).toHaveLength(101);
      expect(result.diagnostics[100]).toMatchObject({ code: 'input/too-many-problems', message: expect.stringMatching(/^\d+ more problems from here on; only the first 100 of a file are reported$/) });
    }
  }, 30_000);
});

describe('validate: text that prints nothing', () => {
  it('refuses a demand made only of invisible characters', () => {
    // "\u00AD" (a soft hyphen) passed "must not be empty", and the letter showed an empty bullet.
    for (const [invisible, codes] of [['\\u00AD', 'U+00AD'], ['\\u200B \\u200F', 'U+200B, U+0020, U+200F'], ['\\u2060\\u034F', 'U+2060, U+034F']] as const) {
      const text = valid.replace('      - Do not forcibly return refugees or asylum-seekers to Uzbekistan.', `      - "${invisible}"`);
      const result = loadActionText('f.yaml', text, '2010-10-01');
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: 'input/bad-character', message: `text contains only characters that print nothing (${codes})`, path: 'letter.en.demands[0]', line: 15 }),
      ]);
    }
    // Invisible characters inside visible text are fine (a soft hyphen in a long word, a direction mark).
    const text = valid.replace('Uzbeks at risk', 'Uzbeks\u00ADat\u200F risk');
    expect(loadActionText('f.yaml', text, '2010-10-01').ok).toBe(true);
  });
});

