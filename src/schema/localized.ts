import type { LocalizedText } from './action-schema.js';

/**
 * The text for `language`: the map's entry, else (for text that need not be translated, such as
 * names) the plain string or the first language's entry.
 */
export function resolveLocalized(
  text: LocalizedText | undefined,
  language: string,
  defaultLanguage: string,
): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return text[language] ?? text[defaultLanguage] ?? Object.values(text)[0];
}

/** The text written for exactly `language`, with no fallback (a plain string is the default language's). */
export function localizedExactly(
  text: LocalizedText | undefined,
  language: string,
  defaultLanguage: string,
): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return language === defaultLanguage ? text : undefined;
  return text[language];
}
