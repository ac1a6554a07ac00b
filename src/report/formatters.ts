import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { printable } from './printable.js';

/** How to colour parts of a report; the CLI passes chalk, tests pass identity functions. */
export interface ReportStyle {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

export const PLAIN_STYLE: ReportStyle = { error: (t) => t, warning: (t) => t, dim: (t) => t, bold: (t) => t };

/** A formatter turns diagnostics into the text a user or a machine reads. */
export type Formatter = (diagnostics: readonly Diagnostic[], context: { readonly fileCount: number; readonly style: ReportStyle }) => string;

/** Human output: `file:line:col  severity  message  path  (code)`, then a summary line. */
export const formatStylish: Formatter = (diagnostics, { fileCount, style }) => {
  const lines = diagnostics.map((d) => {
    const file = printable(d.file);
    const where = d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
    const severity = d.severity === 'error' ? style.error('error') : style.warning('warning');
    const path = d.path ? ` ${style.dim(`[${d.path}]`)}` : '';
    return `${style.bold(where)}: ${severity} ${printable(d.message)}${path} ${style.dim(`(${d.code})`)}`;
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  lines.push(
    errors + warnings === 0
      ? `${files} checked, no problems`
      : `${files} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return `${lines.join('\n')}\n`;
};

/** Machine output: a JSON array of diagnostics. */
export const formatJson: Formatter = (diagnostics) => `${JSON.stringify(diagnostics, null, 2)}\n`;

/** GitHub Actions workflow commands, which annotate the file in a pull request. */
export const formatGithub: Formatter = (diagnostics) =>
  diagnostics
    .map((d) => {
      const properties = [`file=${escapeProperty(d.file)}`];
      if (d.line > 0) properties.push(`line=${d.line}`, `col=${d.column}`);
      properties.push(`title=${escapeProperty(d.code)}`);
      const message = d.path ? `${d.message} [${d.path}]` : d.message;
      return `::${d.severity} ${properties.join(',')}::${escapeData(message)}\n`;
    })
    .join('');

export const FORMATTERS = { stylish: formatStylish, json: formatJson, github: formatGithub } as const satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// Escaping as GitHub's toolkit does it (@actions/core command.ts).
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
