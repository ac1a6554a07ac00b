import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { LoadedAction } from '../load/load-action.js';
import { describeCharacter } from '../render/glyph-coverage.js';
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
  return missing.map((ch) => {
    let found: { path: (string | number)[] } | undefined;
    visitStrings(source.action, (text, path) => {
      if (!found && text.includes(ch)) found = { path: [...path] };
    });
    const hint = `the font ${fontName} has no glyph for ${describeCharacter(ch)}; pass --font FILE with a TTF/OTF font that covers it`;
    if (found) {
      const { line, column } = source.sourceMap.valueAt(found.path);
      return { code: 'glyph/missing', severity: 'error', message: hint, file: source.file, line, column, path: formatPath(found.path) };
    }
    const inSender = sender !== null && JSON.stringify(sender).includes(ch);
    return {
      code: 'glyph/missing',
      severity: 'error',
      message: `${hint} (it comes from ${inSender ? 'the sender' : 'a template'})`,
      file: source.file,
      line: 0,
      column: 0,
      path: '',
    };
  });
}
