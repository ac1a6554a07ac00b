import type { TemplatePosition } from './template-error.js';

// Handlebars only notices a missing partial when a letter reaches it, and then without a position.
// Walking the syntax tree once at load time reports it up front, at the `{{> name}}` that uses it.

interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
}

interface NamedNode extends AstNode {
  readonly original?: unknown;
  readonly value?: unknown;
  readonly data?: unknown;
}

/** A `{{> name}}` with a fixed name, and where it is. */
export interface PartialReference extends TemplatePosition {
  readonly name: string;
}

/** What a template uses and defines by way of partials. */
export interface PartialUsage {
  readonly references: readonly PartialReference[];
  /** Names defined inside the template with `{{#*inline "name"}}`. */
  readonly inlineNames: readonly string[];
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

// The fixed name of a partial or decorator argument; undefined when computed at run time.
function staticName(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  const named = node as NamedNode;
  if (node.type === 'PathExpression' && named.data !== true && typeof named.original === 'string') {
    return named.original;
  }
  if (node.type === 'StringLiteral' && typeof named.value === 'string') return named.value;
  return undefined;
}

/** Lists the partials a parsed template calls by a fixed name, and the inline partials it defines. */
export function findPartialUsage(program: unknown): PartialUsage {
  const references: PartialReference[] = [];
  const inlineNames: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    const fields = value as unknown as Record<string, unknown>;
    if (value.type === 'PartialStatement') {
      const name = staticName(fields['name']);
      const start = value.loc?.start;
      if (name !== undefined) {
        references.push({ name, line: start?.line ?? 0, column: start === undefined ? 0 : start.column + 1 });
      }
    }
    if (value.type === 'DecoratorBlock' && staticName(fields['path']) === 'inline') {
      const params = fields['params'];
      const name = Array.isArray(params) ? staticName(params[0]) : undefined;
      if (name !== undefined) inlineNames.push(name);
    }
    for (const [key, child] of Object.entries(fields)) {
      if (key !== 'loc') visit(child);
    }
  };
  visit(program);
  return { references, inlineNames };
}
