import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAction, loadActionText } from '../../src/load/load-action.js';
import { loadActions } from '../../src/load/load-actions.js';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { decodeUtf8 } from '../../src/load/read-source.js';
import { fixture } from '../helpers/run-cli.js';

const valid = readFileSync(fixture('validate', 'valid.yaml'), 'utf8');

describe('loadAction', () => {
  it('returns the typed action with defaults applied and a slug from the file name', async () => {
    const result = await loadAction(fixture('validate', 'valid.yaml'), { today: '2010-10-01' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slug).toBe('valid');
    expect(result.action.status).toBe('open');
    expect(result.action.copies).toEqual([]);
    expect(result.action.recipients[0]?.name).toBe('Serik Baimaganbetov');
  });

  it('takes the slug from id when given, ASCII-safe', () => {
    const result = loadActionText('x/Страница.yaml', `id: ua-129-10\n${valid}`, '2010-10-01');
    expect(result.ok && result.slug).toBe('ua-129-10');
    const fromName = loadActionText('x/Страница.yaml', valid, '2010-10-01');
    expect(fromName.ok && fromName.slug).toBe('stranitsa');
  });

  it('points a nested wrong value at its own line and column', () => {
    const text = valid.replace('fax: [+7 7172 37 36 01]', 'fax: [+7 7172 37 36 01, call me]');
    const result = loadActionText('a.yaml', text, '2010-10-01');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'rule/bad-fax', line: 24, column: 29, path: 'recipients[0].fax[1]' }),
    );
  });

  it('points a wrong value inside a per-language map at that language', () => {
    const result = loadActionText('a.yaml', valid.replace('      ru: Уважаемый господин министр', '      ru: 5'), '2010-10-01');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'schema/invalid-type', message: 'expected text, got number 5', path: 'recipients[0].salutation.ru', line: 28, column: 11 }),
    ]);
  });

  it('rejects control characters and unpaired surrogates in text', () => {
    const result = loadActionText('a.yaml', valid.replace('  en: Uzbeks at risk of forcible return', '  en: "Uz\\u0007beks \\uD800"'), '2010-10-01');
    expect(result.ok).toBe(false);
    const messages = result.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('control character (U+0007)');
    expect(result.diagnostics[0]).toMatchObject({ path: 'title.en', line: 8 });
  });

  it('flags an empty file and a file that is only a scalar', () => {
    expect(loadActionText('e.yaml', '', '2010-10-01').diagnostics[0]?.code).toBe('input/empty');
    expect(loadActionText('s.yaml', 'hello', '2010-10-01').diagnostics[0]?.message).toMatch(/expected object/i);
  });
});

describe('decodeUtf8', () => {
  it('drops a BOM and points at the first byte that is not UTF-8', () => {
    expect(decodeUtf8('f', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    const bad = decodeUtf8('f', new Uint8Array([0x61, 0x0a, 0x62, 0xe9, 0x63]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostic).toMatchObject({ line: 2, column: 2, code: 'input/not-utf8' });
  });
});

describe('loadActions', () => {
  const names = ['bad-email', 'bom-crlf', 'syntax-error', 'valid', 'windows-1252', 'wrong-type', 'alias-bomb', 'bad-date', 'deadline-before-issue', 'missing-salutation'];
  const files = names.map((name) => fixture('validate', `${name}.yaml`));

  it('gives, in order, what loadAction gives for each file, reading ahead', async () => {
    const together = await loadActions(files, { today: '2010-10-01' });
    const alone = await Promise.all(files.map((file) => loadAction(file, { today: '2010-10-01' })));
    expect(together.map((r) => [r.file, r.ok, r.diagnostics])).toEqual(alone.map((r) => [r.file, r.ok, r.diagnostics]));
  });

  it('throws the first I/O failure in file order, and none later goes unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const withMissing = [files[0]!, fixture('validate', 'no-such-file-1.yaml'), ...files.slice(1), fixture('validate', 'no-such-file-2.yaml')];
      const error: unknown = await loadActions(withMissing).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UaError);
      expect((error as UaError).message).toContain('no-such-file-1.yaml');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
