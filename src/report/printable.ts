/**
 * Text safe to print on a terminal, one line: control characters (ESC sequences, line breaks) and
 * bidi overrides in file names or messages are shown as \u escapes instead of acting on the screen.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
