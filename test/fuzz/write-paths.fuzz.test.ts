import { isAbsolute, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { resolveInside } from '../../src/write/write-files.js';
import { toSlug } from '../../src/write/slug.js';
import { printableText } from './action-mutations.js';
import { FUZZ_TIMEOUT, fuzzParameters } from './fuzz-settings.js';

// Names Windows refuses for a file or folder, whatever the extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

const anyText = fc.oneof(
  printableText,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('..', '.', '', '/', '\\', 'CON', 'con', 'Aux', 'NUL', 'com1', 'LPT9', 'nul.txt', '../../etc/passwd', 'a\0b', ' ', '-', '—', '中文', 'Ж'.repeat(400)),
);

describe('toSlug on any text', { timeout: FUZZ_TIMEOUT }, () => {
  it('gives a short, ASCII, file-name-safe slug that Windows accepts too', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('action', 'xx', 'recipient'), (text, fallback) => {
        const slug = toSlug(text, fallback);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(60 + 1 + fallback.length);
        expect(slug).not.toMatch(WINDOWS_RESERVED);
      }),
      fuzzParameters(),
    );
  });

  it('keeps reserved device names off the file system (regression)', () => {
    expect(toSlug('CON', 'action')).toBe('con-action');
    expect(toSlug('aux', 'xx')).toBe('aux-xx');
    expect(toSlug('Lpt1', 'recipient')).toBe('lpt1-recipient');
    expect(toSlug('console', 'action')).toBe('console');
  });
});

const pathPart = fc.oneof(fc.constantFrom('..', '.', '', 'a', 'out', '..a', 'a..', '\0', '/', '~', 'C:', '\\..\\'), printableText);

describe('resolveInside on any relative path', { timeout: FUZZ_TIMEOUT }, () => {
  it('returns a path inside the output folder, or refuses', () => {
    fc.assert(
      fc.property(fc.constantFrom('out', '/tmp/ua-out', './a/../out'), fc.array(pathPart, { maxLength: 6 }), fc.boolean(), (outDir, parts, absolute) => {
        const relativePath = `${absolute ? '/' : ''}${parts.join('/')}`;
        let target: string;
        try {
          target = resolveInside(outDir, relativePath);
        } catch (error) {
          expect(error).toBeInstanceOf(UaError);
          expect((error as UaError).code).toBe('write/outside-output');
          return;
        }
        const rel = relative(resolve(outDir), target);
        expect(rel).not.toBe('');
        expect(isAbsolute(rel)).toBe(false);
        expect(rel === '..' || rel.startsWith(`..${sep}`)).toBe(false);
        expect(target).not.toContain('\0');
      }),
      fuzzParameters(),
    );
  });
});
