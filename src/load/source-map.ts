import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { FieldPath } from '../diagnostics/diagnostic.js';

/** A 1-based line and column in a source file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Finds where a field of a parsed YAML document was written. */
export interface SourceMap {
  /** Position of the value at `path`, or of the nearest ancestor that exists. */
  valueAt(path: FieldPath): Position;
  /** Position of the key of the entry at `path` (for unknown keys); falls back to the value. */
  keyAt(path: FieldPath): Position;
  /** Position of a character offset. */
  offsetAt(offset: number): Position;
}

type Located = { node: Node | null; pair: Pair | null };

/** Builds a SourceMap over a YAML document parsed from `text`. */
export function createSourceMap(doc: Document, text: string): SourceMap {
  const offsetAt = positionIndex(text);
  const start = (node: Node | Pair | null | undefined): number | undefined => {
    if (!node) return undefined;
    if (isPair(node)) return start(node.key as Node | null) ?? start(node.value as Node | null);
    return node.range?.[0];
  };

  // Walks down as far as the path exists, remembering the last node found.
  const walk = (path: FieldPath): { found: Located; complete: boolean } => {
    let current: Located = { node: doc.contents as Node | null, pair: null };
    for (const part of path) {
      const node = current.node;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) return { found: current, complete: false };
        current = { node: (pair.value as Node | null) ?? null, pair: pair as Pair };
        if (current.node === null) return { found: { node: null, pair: pair as Pair }, complete: true };
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (!item) return { found: current, complete: false };
        current = { node: item, pair: null };
      } else {
        return { found: current, complete: false };
      }
    }
    return { found: current, complete: true };
  };

  const fallback = (): Position => offsetAt(start(doc.contents as Node | null) ?? 0);

  return {
    offsetAt,
    valueAt(path) {
      const { found } = walk(path);
      const offset = start(found.node) ?? start(found.pair);
      return offset === undefined ? fallback() : offsetAt(offset);
    },
    keyAt(path) {
      const { found, complete } = walk(path);
      const offset = (complete ? start(found.pair?.key as Node | null) : undefined) ?? start(found.node) ?? start(found.pair);
      return offset === undefined ? fallback() : offsetAt(offset);
    },
  };
}

/**
 * Maps character offsets of `text` to lines and columns (columns in UTF-16 units, as editors count).
 * Counted from the text itself: the yaml package's LineCounter misses a line break that ends up
 * inside a token it rejects, after which every position it gives is on the wrong line
 * (in "*a,\nb: {" it put the error at offset 8 on line 1, column 9).
 */
export function positionIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(0, offset), text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - (starts[low] ?? 0) + 1 };
  };
}
