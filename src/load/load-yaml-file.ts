import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseWithSchema } from '../validate/validate-action.js';
import { parseYaml } from './parse-yaml.js';
import { readSourceText } from './read-source.js';

/** A small YAML input (sender, embassies) read and checked against its schema. */
export type YamlFileResult<T> = { ok: true; value: T } | { ok: false; diagnostics: readonly Diagnostic[] };

/** Reads a YAML file and checks it against a schema, with positioned diagnostics on failure. */
export async function loadYamlFile<T extends z.ZodType>(file: string, schema: T): Promise<YamlFileResult<z.output<T>>> {
  const source = await readSourceText(file);
  if (!source.ok) return { ok: false, diagnostics: [source.diagnostic] };
  const parsed = parseYaml(file, source.text);
  if (parsed.data === undefined) return { ok: false, diagnostics: parsed.diagnostics };
  const result = parseWithSchema(file, schema, parsed);
  return result.ok ? { ok: true, value: result.value } : { ok: false, diagnostics: result.diagnostics };
}
