import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import type { FieldPath } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticCollector } from '../load/diagnostic-limit.js';
import { quoteText } from '../load/quote-text.js';
import type { SourceMap } from '../load/source-map.js';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  type?: string;
};

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/** Turns zod issues into diagnostics positioned at the offending key or value, added to `out`. */
export function schemaDiagnostics(
  file: string,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  sourceMap: SourceMap,
  data: unknown,
  out: DiagnosticCollector,
): void {
  for (const issue of issues.flatMap(expandUnion)) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.add(() => ({
          code: 'schema/unknown-key',
          severity: 'error',
          message: `unknown field ${quoteText(key)}${didYouMean(key, allowed)}`,
          file,
          ...sourceMap.keyAt(keyPath),
          path: formatPath(keyPath),
        }));
      }
      continue;
    }
    out.add(() => {
      const value = valueAtPath(data, path);
      const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
      const { line, column } = missing ? sourceMap.keyAt(path.slice(0, -1)) : sourceMap.valueAt(path);
      return {
        code: missing ? 'schema/missing-field' : `schema/${issue.code.replaceAll('_', '-')}`,
        severity: 'error',
        message: missing ? `missing required field "${String(path[path.length - 1])}"` : describeIssue(issue, value),
        file,
        line,
        column,
        path: formatPath(path),
      };
    });
  }
}

/**
 * A union (text, or a map of texts) that failed inside one branch only is reported where that
 * branch failed (`salutation.ru`), not as "expected text or a map" at the union itself.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || !Array.isArray(issue.errors)) return [issue];
  const nested = (issue.errors as z.core.$ZodIssue[][]).filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  const [only] = nested;
  if (nested.length !== 1 || !only) return [issue];
  return only.flatMap((inner) => expandUnion({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got = describeValue(value);
  return got === undefined ? issue.message : `${issue.message}, got ${got}`;
}

/** Shows the offending value briefly; long text is cut so a message stays one line. */
function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return quoteText(value);
  return `${typeof value} ${String(value)}`;
}

function didYouMean(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return '';
  const best = closest(key, [...allowed]);
  const near = distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3));
  return near ? `; did you mean "${best}"?` : `; expected one of: ${allowed.join(', ')}`;
}

function valueAtPath(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** The field names allowed at a path, read from the schema's JSON Schema form. */
function allowedKeysAt(schema: z.ZodType, path: FieldPath): string[] {
  let root = jsonSchemas.get(schema);
  if (!root) {
    root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(schema, root);
  }
  let node: JsonSchema | undefined = root;
  for (const part of path) {
    node = objectBranch(node);
    if (!node) return [];
    if (typeof part === 'number') node = node.items;
    else node = node.properties?.[part] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return Object.keys(objectBranch(node)?.properties ?? {});
}

function objectBranch(node: JsonSchema | undefined): JsonSchema | undefined {
  if (!node?.anyOf) return node;
  return node.anyOf.find((branch) => branch.properties || branch.items || branch.additionalProperties) ?? node;
}
