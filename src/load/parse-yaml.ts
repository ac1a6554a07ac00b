import { parseDocument, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { oneLineMessage } from './quote-text.js';
import { createSourceMap, type SourceMap } from './source-map.js';

/** Aliases allowed in one document: enough for real files, far too few for an alias bomb. */
const MAX_ALIASES = 100;

/** A YAML file parsed into plain data, with a map back to positions in the source. */
export interface ParsedYaml {
  readonly data: unknown;
  readonly sourceMap: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses YAML text; syntax errors become diagnostics (data is then undefined). */
export function parseYaml(file: string, text: string): ParsedYaml {
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    // YAML 1.2 core schema: no implicit timestamps, `no` stays a string in 1.2 but `yes`/`no` are plain text.
    schema: 'core',
    keepSourceTokens: false,
  });
  const sourceMap = createSourceMap(doc, text);
  const diagnostics: Diagnostic[] = [];
  // After the first syntax error the parser is out of step with the file, and what it reports next is
  // mostly that error again (one stray quote can give a hundred): report the first, and later ones
  // only when they are found independently of the syntax (a key written twice).
  const errors = doc.errors.filter((error, index) => index === 0 || error.code === 'DUPLICATE_KEY');
  for (const error of errors) {
    const position = sourceMap.offsetAt(error.pos[0]);
    diagnostics.push({
      code: `yaml/${error.code.toLowerCase().replaceAll('_', '-')}`,
      severity: 'error',
      message: describeYamlError(error),
      file,
      line: position.line,
      column: position.column,
      path: '',
    });
  }
  for (const warning of doc.warnings) {
    const position = sourceMap.offsetAt(warning.pos[0]);
    diagnostics.push({
      code: `yaml/${warning.code.toLowerCase().replaceAll('_', '-')}`,
      severity: 'warning',
      message: `YAML: ${firstLine(warning.message)}`,
      file,
      line: position.line,
      column: position.column,
      path: '',
    });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { data: undefined, sourceMap, diagnostics };
  if (doc.contents === null) {
    diagnostics.push({ code: 'input/empty', severity: 'error', message: 'the file is empty', file, line: 1, column: 1, path: '' });
    return { data: undefined, sourceMap, diagnostics };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), sourceMap, diagnostics };
  } catch (error) {
    const position = sourceMap.offsetAt(0);
    diagnostics.push({
      code: 'yaml/too-many-aliases',
      severity: 'error',
      message: `YAML: ${error instanceof Error ? firstLine(error.message) : String(error)} (at most ${MAX_ALIASES} aliases are expanded)`,
      file,
      line: position.line,
      column: position.column,
      path: '',
    });
    return { data: undefined, sourceMap, diagnostics };
  }
}

function describeYamlError(error: YAMLError): string {
  // The parser recurses once per level of nesting and stops where the stack runs out.
  if (error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(error.message)) {
    return 'YAML: lists or maps are nested too deeply to read';
  }
  return `YAML syntax: ${firstLine(error.message)}`;
}

function firstLine(message: string): string {
  return oneLineMessage((message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim());
}
