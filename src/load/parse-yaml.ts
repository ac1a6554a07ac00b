import { isAlias, isCollection, isScalar, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticCollector } from './diagnostic-limit.js';
import { oneLineMessage, quoteText } from './quote-text.js';
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
    // Duplicate keys are found below: the package compares every key with every other (40 000 keys
    // took 38 s), and it lets 1 and "1" through, which become one field.
    uniqueKeys: false,
    strict: true,
    // YAML 1.2 core schema: no implicit timestamps, `no` stays a string in 1.2 but `yes`/`no` are plain text.
    schema: 'core',
    keepSourceTokens: false,
    // The library reports problems as values; without this the yaml package prints some (e.g. a list
    // used as a key) to the process's stderr.
    logLevel: 'error',
  });
  const sourceMap = createSourceMap(doc, text);
  const collector = new DiagnosticCollector();
  const at = (offset: number, code: string, severity: 'error' | 'warning', message: string) =>
    collector.add(() => ({ code, severity, message, file, ...sourceMap.offsetAt(offset), path: '' }));
  // After the first syntax error the parser is out of step with the file, and what it reports next is
  // mostly that error again (one stray quote can give a hundred): report the first only.
  const [error] = doc.errors;
  if (error) at(error.pos[0], `yaml/${error.code.toLowerCase().replaceAll('_', '-')}`, 'error', describeYamlError(error));
  for (const warning of doc.warnings) {
    at(warning.pos[0], `yaml/${warning.code.toLowerCase().replaceAll('_', '-')}`, 'warning', `YAML: ${firstLine(warning.message)}`);
  }
  if (collector.hasErrors) return { data: undefined, sourceMap, diagnostics: collector.result() };
  if (doc.contents === null) {
    at(0, 'input/empty', 'error', 'the file is empty');
    return { data: undefined, sourceMap, diagnostics: collector.result() };
  }
  for (const problem of findStructureProblems(doc, (node) => sourceMap.offsetAt(node.range?.[0] ?? 0).line)) {
    at(problem.node.range?.[0] ?? 0, problem.code, 'error', problem.message);
  }
  if (collector.hasErrors) return { data: undefined, sourceMap, diagnostics: collector.result() };
  const diagnostics = collector.result();
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), sourceMap, diagnostics };
  } catch (error) {
    const position = sourceMap.offsetAt(0);
    const message = error instanceof Error ? firstLine(error.message) : oneLineMessage(String(error));
    const tooMany = /alias count/i.test(message);
    diagnostics.push({
      code: tooMany ? 'yaml/too-many-aliases' : 'yaml/unreadable',
      severity: 'error',
      message: tooMany ? `YAML: ${message} (at most ${MAX_ALIASES} aliases are expanded)` : `YAML: ${message}`,
      file,
      line: position.line,
      column: position.column,
      path: '',
    });
    return { data: undefined, sourceMap, diagnostics };
  }
}

interface StructureProblem {
  readonly code: string;
  readonly message: string;
  readonly node: Node;
}

// What YAML allows but plain data cannot hold, found before the document is turned into data: a key
// written twice in a map (the last would silently win), also as 1 and "1", which become one field; an
// alias inside the very list or map it names (&a [*a]) would become a circular object that every
// later step walks forever; an alias with no anchor before it; a list, map or alias used as a key.
function findStructureProblems(doc: Document, lineOf: (node: Node) => number): StructureProblem[] {
  const problems: StructureProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (first === undefined) seen.set(name, pair.key);
        else problems.push({ code: 'yaml/duplicate-key', message: `YAML: the key ${quoteText(name)} is already in this map, on line ${lineOf(first)}`, node: pair.key });
      }
    },
    Pair(_key, pair) {
      if (isCollection(pair.key) || isAlias(pair.key)) {
        problems.push({ code: 'yaml/complex-key', message: 'YAML: a key must be plain text, not a list, a map or an alias', node: pair.key });
        return visit.SKIP;
      }
      return undefined;
    },
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target === undefined) {
        problems.push({ code: 'yaml/unresolved-alias', message: `YAML: the alias *${oneLineMessage(alias.source, 40)} has no anchor &${oneLineMessage(alias.source, 40)} before it`, node: alias });
      } else if (path.includes(target)) {
        problems.push({ code: 'yaml/circular-alias', message: `YAML: the alias *${oneLineMessage(alias.source, 40)} is inside the list or map it stands for`, node: alias });
      }
    },
  });
  return problems;
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
