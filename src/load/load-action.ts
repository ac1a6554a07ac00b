import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Action } from '../schema/action-schema.js';
import { validateParsedAction } from '../validate/validate-action.js';
import { toSlug } from '../write/slug.js';
import { parseYaml } from './parse-yaml.js';
import type { SourceMap } from './source-map.js';
import { readSourceText } from './read-source.js';

/** A valid action read from a file, with its warnings. */
export interface LoadedAction {
  readonly file: string;
  /** ASCII-safe name for the action's output folder: the `id` field, else the file name. */
  readonly slug: string;
  readonly action: Action;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each field was written, for problems found after validation (e.g. a missing glyph). */
  readonly sourceMap: SourceMap;
}

export interface LoadOptions {
  /** Today's date, YYYY-MM-DD, for deadline warnings; defaults to the current UTC date. */
  readonly today?: string;
  /** Worker threads for loading many files (loadActions); 1, the default, loads in this thread. */
  readonly jobs?: number;
}

/** The outcome of loading one file: the action, or the diagnostics that say why not. */
export type LoadResult = ({ readonly ok: true } & LoadedAction) | { readonly ok: false; readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/** Reads, parses and validates one action file. Throws UaError only for I/O failures. */
export async function loadAction(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const source = await readSourceText(file);
  if (!source.ok) return { ok: false, file, diagnostics: [source.diagnostic] };
  return loadActionText(file, source.text, today);
}

/** Parses and validates action text already read (for tests, editors and batch tools). */
export function loadActionText(file: string, text: string, today: string): LoadResult {
  const parsed = parseYaml(file, text);
  const validation = validateParsedAction(file, parsed, today);
  if (!validation.ok) return { ok: false, file, diagnostics: validation.diagnostics };
  const slug = toSlug(validation.action.id ?? basename(file, extname(file)), 'action');
  return { ok: true, file, slug, action: validation.action, diagnostics: validation.diagnostics, sourceMap: parsed.sourceMap };
}
