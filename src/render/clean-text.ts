// renderText cleans text the same way with a private copy of this function; it could import this one.

/**
 * Text fit for a plain-text channel: no soft hyphens (they would show, or split a word when copied),
 * no carriage returns or other control characters (C1 included); tabs become spaces.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/(?!\n)[\p{Cc}\u00ad]/gu, '');
}
