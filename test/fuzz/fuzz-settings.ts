import type { Parameters } from 'fast-check';

/** Runs per in-process property: small by default so `npm test` stays fast; `npm run fuzz` raises it. */
export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/** Fixed so CI is reproducible; set FUZZ_SEED to explore other inputs (a failure prints its seed and path). */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 42);

/** A test's time limit: generous, and growing with the runs (vitest's default of 5 s is far too short). */
export const FUZZ_TIMEOUT = Math.max(60_000, FUZZ_RUNS * 30);

/** fast-check parameters for a property with `runs` runs. */
export function fuzzParameters<T>(runs: number = FUZZ_RUNS): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs };
}
