// Private characters that template helpers use to mark bold and italic text in the markup. The action
// validator rejects control characters in action files, so data can never produce them, and asterisks
// or underscores in data (emails, URLs) are never taken for formatting.

export const STRONG_OPEN = '\u0002';
export const STRONG_CLOSE = '\u0003';
export const EM_OPEN = '\u000e';
export const EM_CLOSE = '\u000f';
/** At the end of a line: break the line there instead of joining it to the next. */
export const HARD_BREAK = '\u0001';

/** Wraps text in a marker pair, leaving surrounding whitespace outside so line structure is unchanged. */
export function wrapInMarkers(text: string, open: string, close: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const [, before = '', inner = '', after = ''] = match ?? [];
  return inner === '' ? text : `${before}${open}${inner}${close}${after}`;
}
