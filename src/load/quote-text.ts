// A diagnostic message is one line a person reads in a terminal, an editor or a CI log. Text from an
// input file goes into it only through these functions, so a line break, a control character or a
// bidi override in the file can neither split the message nor reorder how the line is displayed, and
// a 2 MB value or key does not become a 2 MB message.

/** Line breaks, C0/C1 controls, bidi controls, BOM, unpaired surrogates; and the quote and backslash. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uD800-\uDFFF"\\]/gu;
const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeUnsafe(text: string, quote: boolean): string {
  return text.replace(UNSAFE, (ch) => {
    if (!quote && (ch === '"' || ch === '\\')) return ch;
    return SHORT[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** Text from a file, quoted for a message: escaped like a JSON string (and bidi controls too), at most `max` characters. */
export function quoteText(text: string, max = 40): string {
  return `"${escapeUnsafe(shorten(text, max), true)}"`;
}

/** A message that may hold text from a file (e.g. the yaml package's): made one safe line of at most `max` characters. */
export function oneLineMessage(message: string, max = 200): string {
  return escapeUnsafe(shorten(message, max), false);
}
