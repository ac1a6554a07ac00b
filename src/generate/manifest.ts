import type { LoadedAction } from '../load/load-action.js';

export const MANIFEST_NAME = 'manifest.json';

/** One written file, as listed in the manifest. */
export interface ManifestEntry {
  readonly path: string;
  readonly format: string;
  readonly language: string;
  readonly kind: string;
  readonly recipient: string;
  readonly pages?: number;
  readonly sha256: string;
}

/** The record of a run for one action: what was written, for which deadline and letter date. */
export interface Manifest {
  readonly action: { readonly file: string; readonly number?: string; readonly index?: string; readonly deadline: string; readonly status: string };
  readonly letterDate: string;
  readonly paper: string;
  readonly letters: readonly ManifestEntry[];
}

/** Builds the manifest; entries are sorted by path so the file is reproducible. */
export function buildManifest(source: LoadedAction, run: { date: string; paper: string }, entries: readonly ManifestEntry[]): Manifest {
  const { action } = source;
  return {
    action: {
      file: source.file,
      ...(action.number ? { number: action.number } : {}),
      ...(action.index ? { index: action.index } : {}),
      deadline: action.deadline,
      status: action.status,
    },
    letterDate: run.date,
    paper: run.paper,
    letters: [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
