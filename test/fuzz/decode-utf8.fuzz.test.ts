import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/load/read-source.js';
import { FUZZ_TIMEOUT, fuzzParameters } from './fuzz-settings.js';

// An oracle built only on TextDecoder, independent of the scanner in read-source.ts: the first byte a
// streaming decoder rejects, moved back to the lead byte when it ends a sequence that was begun before.
function oracleBadOffset(bytes: Uint8Array): number {
  const fails = (end: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return false;
    } catch {
      return true;
    }
  };
  let end = 1;
  while (end <= bytes.length && !fails(end, true)) end++;
  // No prefix fails while streaming: the text ends inside a sequence.
  const rejected = end <= bytes.length ? end - 1 : bytes.length;
  if (!fails(rejected, false)) return rejected;
  let lead = rejected - 1;
  while (lead > 0 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  return lead;
}

function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).split('\n');
  return { line: before.length, column: [...(before.at(-1) ?? '')].length + 1 };
}

// Bytes that are mostly text, so that bad bytes land after real characters, on later lines.
const textLikeBytes = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => new TextEncoder().encode(s)) },
      { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\uFEFF', 'Ж', '€', '😀').map((s) => new TextEncoder().encode(s)) },
      { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3 }) },
      // Windows-1252 and Latin-1 letters, the usual way a file stops being UTF-8.
      { weight: 1, arbitrary: fc.constantFrom(0x80, 0x92, 0x93, 0xe9, 0xf4, 0xfc, 0xc0, 0xed, 0xf5, 0xff).map((b) => Uint8Array.of(b)) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

describe('decodeUtf8 on arbitrary bytes', { timeout: FUZZ_TIMEOUT }, () => {
  it('agrees with a strict decoder, and points at the first bad byte by line and column', () => {
    fc.assert(
      fc.property(fc.oneof(textLikeBytes, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        const result = decodeUtf8('f.yaml', bytes);
        let strictOk = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          strictOk = false;
        }
        expect(result.ok).toBe(strictOk);
        if (result.ok) return;
        const bad = oracleBadOffset(bytes);
        const hex = (bytes[bad] ?? 0).toString(16).padStart(2, '0').toUpperCase();
        expect(result.diagnostic).toMatchObject({ code: 'input/not-utf8', severity: 'error', file: 'f.yaml', ...positionOf(bytes, bad) });
        expect(result.diagnostic.message).toContain(`byte 0x${hex} is not UTF-8`);
      }),
      fuzzParameters(),
    );
  });

  // Regression: the old search stepped back over a complete character before a stray byte and blamed
  // the character (é = C3 A9, then a Windows-1252 byte 0x80: it said "byte 0xC3" at column 2).
  it('blames a stray byte after a complete character, not the character', () => {
    const result = decodeUtf8('f.yaml', Uint8Array.of(0x61, 0xc3, 0xa9, 0x80, 0x0a));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostic).toMatchObject({ line: 1, column: 3 });
      expect(result.diagnostic.message).toContain('byte 0x80');
    }
    const afterEuro = decodeUtf8('f.yaml', Uint8Array.of(0xe2, 0x82, 0xac, 0xff));
    expect(!afterEuro.ok && afterEuro.diagnostic.message).toContain('byte 0xFF');
  });
});
