import type { FieldPath } from '../../diagnostics/diagnostic.js';

// Every character findBadCharacter may object to (surrogates only when unpaired). Most text has
// none, and one regular expression test is far cheaper than looking at each character in a loop.
const SUSPECT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff]/;

// Text made only of characters that print nothing (a zero-width space, a soft hyphen, a direction
// mark): it passes "not empty", and then a letter shows an empty line where a demand should be.
const INVISIBLE_ONLY = /^[\s\p{Cf}\u034F]+$/u;

/** What is wrong with a string's characters, if anything: control characters, broken UTF-16, nothing visible. */
export function findBadCharacter(text: string): string | undefined {
  if (!SUSPECT.test(text)) return INVISIBLE_ONLY.test(text) && text.trim() !== '' ? describeInvisible(text) : undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `an unpaired surrogate (U+${code.toString(16).toUpperCase()})`;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return `an unpaired surrogate (U+${code.toString(16).toUpperCase()})`;
    if ((code < 0x20 && code !== 0x0a && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) {
      return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    }
    if (code === 0x09) return 'a tab (use spaces)';
  }
  return undefined;
}

function describeInvisible(text: string): string {
  const codes = [...new Set([...text.trim()])].slice(0, 3).map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `only characters that print nothing (${codes.join(', ')})`;
}

/** Visits every string (and key) in plain parsed data with its path. */
export function visitStrings(data: unknown, visit: (text: string, path: FieldPath) => void, path: FieldPath = []): void {
  if (typeof data === 'string') visit(data, path);
  else if (Array.isArray(data)) data.forEach((item, i) => visitStrings(item, visit, [...path, i]));
  else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      visit(key, [...path, key]);
      visitStrings(value, visit, [...path, key]);
    }
  }
}
