import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { DiagnosticCollector } from '../load/diagnostic-limit.js';
import type { ParsedYaml } from '../load/parse-yaml.js';
import { ActionSchema, type Action } from '../schema/action-schema.js';
import { createRuleContext, type Rule } from './rule-context.js';
import { findBadCharacter, visitStrings } from './rules/clean-text.js';
import { datesAndStatusRule } from './rules/dates-and-status.js';
import { letterLanguagesRule } from './rules/letter-languages.js';
import { identityRule, peopleRule, postsRule } from './rules/people-and-posts.js';
import { recipientChannelsRule } from './rules/recipient-channels.js';
import { schemaDiagnostics } from './schema-diagnostics.js';

/** The semantic rules, run in this order after the schema accepts a file. */
export const RULES: readonly Rule[] = [
  identityRule,
  datesAndStatusRule,
  letterLanguagesRule,
  recipientChannelsRule,
  peopleRule,
  postsRule,
];

/** The outcome of validating one action: the typed action when it has no errors. */
export type ActionValidation =
  | { readonly ok: true; readonly action: Action; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Validates parsed YAML against the schema and the semantic rules. */
export function validateParsedAction(file: string, parsed: ParsedYaml, today: string): ActionValidation {
  const out = new DiagnosticCollector();
  out.addAll(parsed.diagnostics);
  if (parsed.data === undefined) return { ok: false, diagnostics: out.result() };
  if (!looksLikeAction(parsed.data)) {
    const message = 'this is not an action file: it has none of the action fields (number, title, deadline, letter, recipients, ...)';
    out.add(() => ({ code: 'schema/not-an-action', severity: 'error', message, file, ...parsed.sourceMap.valueAt([]), path: '' }));
    return { ok: false, diagnostics: out.result() };
  }

  const result = checkWithSchema(file, ActionSchema, parsed, out);
  if (!result.ok) return { ok: false, diagnostics: out.result() };
  const context = createRuleContext(file, result.value, parsed.sourceMap, today, out);
  for (const rule of RULES) rule(context);
  if (out.hasErrors) return { ok: false, diagnostics: out.result() };
  return { ok: true, action: result.value, diagnostics: out.result() };
}

// A map that shares no key with the action format (a sender or embassies file, say) gets one clear
// message instead of a complaint about every field.
const CORE_FIELDS = ['id', 'number', 'index', 'issued', 'title', 'deadline', 'languages', 'letter', 'recipients', 'copies'];

function looksLikeAction(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return true;
  const keys = Object.keys(data);
  return keys.length === 0 || keys.some((key) => CORE_FIELDS.includes(key));
}

/** Checks parsed YAML for bad characters and against a zod schema; the typed value when both pass. */
export function parseWithSchema<T extends z.ZodType>(
  file: string,
  schema: T,
  parsed: ParsedYaml,
): { ok: true; value: z.output<T>; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] } {
  const out = new DiagnosticCollector();
  const result = checkWithSchema(file, schema, parsed, out);
  return result.ok ? { ok: true, value: result.value, diagnostics: out.result() } : { ok: false, diagnostics: out.result() };
}

function checkWithSchema<T extends z.ZodType>(file: string, schema: T, parsed: ParsedYaml, out: DiagnosticCollector): { ok: true; value: z.output<T> } | { ok: false } {
  let clean = true;
  visitStrings(parsed.data, (text, path) => {
    const bad = findBadCharacter(text);
    if (!bad) return;
    clean = false;
    out.add(() => ({ code: 'input/bad-character', severity: 'error', message: `text contains ${bad}`, file, ...parsed.sourceMap.valueAt(path), path: formatPath(path) }));
  });
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    schemaDiagnostics(file, schema, result.error.issues, parsed.sourceMap, parsed.data, out);
    return { ok: false };
  }
  return clean ? { ok: true, value: result.data } : { ok: false };
}
