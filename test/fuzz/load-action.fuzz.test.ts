import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { loadActionText } from '../../src/load/load-action.js';
import { decodeUtf8 } from '../../src/load/read-source.js';
import { BASES, BASE_TODAY, TEXT_MUTATIONS, byteEdits, valueAt, type Mutant } from './action-mutations.js';
import { expectWellFormed } from './diagnostic-invariants.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT, fuzzParameters } from './fuzz-settings.js';

const FILE = 'fuzz/action.yaml';

/** Loads text and checks what must hold for any input; returns the result for further checks. */
function loadAndCheck(text: string) {
  const result = loadActionText(FILE, text, BASE_TODAY);
  if (result.file !== FILE) expect(result.file).toBe(FILE);
  expectWellFormed(result.diagnostics, FILE, text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (result.ok === errors > 0) expect({ ok: result.ok, errors }).toEqual({ ok: !result.ok, errors });
  return result;
}

function checkMutant(mutant: Mutant): void {
  const result = loadAndCheck(mutant.text);
  if (mutant.mustBeInvalid && result.ok) expect.fail(`${mutant.kind} was accepted: ${mutant.note}`);
  if (mutant.expectCode && !result.diagnostics.some((d) => d.code === mutant.expectCode)) {
    expect(result.diagnostics.map((d) => d.code)).toContain(mutant.expectCode);
  }
  if (mutant.kept && result.ok) {
    // Nothing is lost: text that passed validation is the text written (the schema trims it).
    const loaded = valueAt(result.action, mutant.kept.path);
    expect([mutant.kept.value, mutant.kept.value.trim()]).toContain(loaded);
  }
}

// A long synchronous run starves the worker's event loop, and vitest then reports a lost RPC as an
// unhandled error (seen with npm run fuzz on a busy machine): let it breathe every hundred cases.
let calls = 0;
async function breathe(): Promise<void> {
  if (++calls % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
}

// Costly inputs (hundreds of kilobytes, thousands of levels) run fewer times.
const RUNS: Partial<Record<keyof typeof TEXT_MUTATIONS, number>> = {
  hugeString: Math.max(4, Math.ceil(FUZZ_RUNS / 60)),
  deepNesting: Math.max(10, Math.ceil(FUZZ_RUNS / 10)),
  aliasBomb: Math.max(10, Math.ceil(FUZZ_RUNS / 6)),
  notAMap: Math.min(FUZZ_RUNS, 60),
};

describe('loadActionText on malformed actions', { timeout: FUZZ_TIMEOUT }, () => {
  // The library returns its problems; it never prints (the yaml package would, as process warnings).
  let warnings: MockInstance<typeof process.emitWarning>;
  beforeEach(() => {
    warnings = vi.spyOn(process, 'emitWarning');
  });
  afterEach(() => {
    const printed = warnings.mock.calls.map((call) => String(call[0]));
    warnings.mockRestore();
    expect(printed, 'process warnings').toEqual([]);
  });

  it('starts from valid actions', () => {
    for (const base of BASES) expect(loadActionText(base.file, base.text, BASE_TODAY), base.file).toMatchObject({ ok: true });
  });

  for (const [name, arbitrary] of Object.entries(TEXT_MUTATIONS)) {
    it(`${name}: never throws; well-formed diagnostics; refused when it must be`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (mutant) => {
          checkMutant(mutant);
          await breathe();
        }),
        fuzzParameters(RUNS[name as keyof typeof TEXT_MUTATIONS]),
      );
    });
  }

  it('random byte edits of the file: never throws; UTF-8 and YAML errors are positioned', async () => {
    await fc.assert(
      fc.asyncProperty(byteEdits, async ({ bytes }) => {
        await breathe();
        const source = decodeUtf8(FILE, bytes);
        if (!source.ok) {
          expectWellFormed([source.diagnostic], FILE);
          expect(source.diagnostic.code).toBe('input/not-utf8');
          return;
        }
        loadAndCheck(source.text);
      }),
      fuzzParameters(),
    );
  });

  it('random bytes: never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const source = decodeUtf8(FILE, bytes);
        if (source.ok) loadAndCheck(source.text);
        else expectWellFormed([source.diagnostic], FILE);
      }),
      fuzzParameters(),
    );
  });
});
