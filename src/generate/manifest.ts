import { readFile } from 'node:fs/promises';
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

/** Builds the manifest, keeping a previous run's entries for other files; sorted by path so it is reproducible. */
export function buildManifest(
  source: LoadedAction,
  run: { date: string; paper: string },
  entries: readonly ManifestEntry[],
  previous?: Manifest,
): Manifest {
  const { action } = source;
  const written = new Set(entries.map((e) => e.path));
  const kept = (previous?.letters ?? []).filter((e) => !written.has(e.path));
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
    letters: [...kept, ...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** Reads the manifest a previous run left, if any; a missing or unreadable one counts as none. */
export async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    return Array.isArray(parsed.letters) ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
