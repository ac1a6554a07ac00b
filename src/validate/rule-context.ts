import type { Diagnostic, FieldPath, Severity } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticCollector } from '../load/diagnostic-limit.js';
import type { SourceMap } from '../load/source-map.js';
import type { Action } from '../schema/action-schema.js';

/** What a semantic rule gets: the typed action and a way to report a problem at a field. */
export interface RuleContext {
  readonly action: Action;
  /** Today's date, YYYY-MM-DD, for rules about deadlines. */
  readonly today: string;
  report(path: FieldPath, code: string, message: string, severity?: Severity): void;
}

/** A semantic rule: checks one thing the schema alone cannot express. */
export type Rule = (context: RuleContext) => void;

/** Creates a RuleContext whose reports, positioned through the source map, go to `out`. */
export function createRuleContext(
  file: string,
  action: Action,
  sourceMap: SourceMap,
  today: string,
  out: DiagnosticCollector,
): RuleContext {
  return {
    action,
    today,
    report(path, code, message, severity = 'error') {
      out.add((): Diagnostic => ({ code, severity, message, file, ...sourceMap.valueAt(path), path: formatPath(path) }));
    },
  };
}
