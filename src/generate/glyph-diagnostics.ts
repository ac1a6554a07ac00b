import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { LoadedAction } from '../load/load-action.js';
import type { Sender } from '../schema/sender-schema.js';
import { visitStrings } from '../validate/rules/clean-text.js';

/**
 * Explains characters the font cannot draw: each is traced to the first action field that holds
 * it (with its line and column), else to the sender, else to the templates.
 */
export function glyphDiagnostics(
  missing: readonly string[],
  source: LoadedAction,
  sender: Sender | null,
  fontName: string,
): Diagnostic[] {
  // One diagnostic per field, listing all of its characters the font lacks.
  const byField = new Map<string, { path: (string | number)[] | null; origin: string; chars: string[] }>();
  for (const ch of missing) {
    let found: (string | number)[] | undefined;
    visitStrings(source.action, (text, path) => {
      if (!found && text.includes(ch)) found = [...path];
    });
    const origin = found ? formatPath(found) : sender !== null && JSON.stringify(sender).includes(ch) ? 'the sender' : 'a template';
    const entry = byField.get(origin) ?? { path: found ?? null, origin, chars: [] };
    entry.chars.push(ch);
    byField.set(origin, entry);
  }
  return [...byField.values()].map(({ path, origin, chars }) => {
    const what = chars.slice(0, 5).map(describeCharacter).join(', ') + (chars.length > 5 ? ` and ${chars.length - 5} more` : '');
    const hint = `the font ${fontName} cannot draw ${what}; pass --font FILE with a TTF/OTF font that covers them`;
    if (path) {
      const { line, column } = source.sourceMap.valueAt(path);
      return { code: 'glyph/missing', severity: 'error', message: hint, file: source.file, line, column, path: origin };
    }
    return { code: 'glyph/missing', severity: 'error', message: `${hint} (they come from ${origin})`, file: source.file, line: 0, column: 0, path: '' };
  });
}

// Names a character for a message: `"中" (U+4E2D)`.
export function describeCharacter(ch: string): string {
  const codePoint = ch.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return `"${ch}" (U+${hex})`;
}
