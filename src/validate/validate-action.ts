import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
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
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.data === undefined) return { ok: false, diagnostics };
  if (!looksLikeAction(parsed.data)) {
    const { line, column } = parsed.sourceMap.valueAt([]);
    const message = 'this is not an action file: it has none of the action fields (number, title, deadline, letter, recipients, ...)';
    diagnostics.push({ code: 'schema/not-an-action', severity: 'error', message, file, line, column, path: '' });
    return { ok: false, diagnostics };
  }

  const result = parseWithSchema(file, ActionSchema, parsed);
  diagnostics.push(...result.diagnostics);
  if (!result.ok) return { ok: false, diagnostics };
  const { context, diagnostics: ruleDiagnostics } = createRuleContext(file, result.value, parsed.sourceMap, today);
  for (const rule of RULES) rule(context);
  diagnostics.push(...ruleDiagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, action: result.value, diagnostics };
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
  const diagnostics: Diagnostic[] = [];
  visitStrings(parsed.data, (text, path) => {
    const bad = findBadCharacter(text);
    if (bad) {
      const { line, column } = parsed.sourceMap.valueAt(path);
      diagnostics.push({ code: 'input/bad-character', severity: 'error', message: `text contains ${bad}`, file, line, column, path: formatPath(path) });
    }
  });
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    diagnostics.push(...schemaDiagnostics(file, schema, result.error.issues, parsed.sourceMap, parsed.data));
    return { ok: false, diagnostics };
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, value: result.data, diagnostics };
}
