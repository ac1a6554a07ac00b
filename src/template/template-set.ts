import type { TemplateContext } from '../letter/template-context.js';
import type { LetterStrings } from './letter-strings.js';

/** The template a letter starts from; every other template of a set is a partial, used by name. */
export const ENTRY_TEMPLATE = 'letter';

/** One template file: its name is the file name without `.hbs`. */
export interface TemplateSource {
  readonly name: string;
  /** Path shown in diagnostics. */
  readonly file: string;
  readonly source: string;
}

/** The compiled templates and strings of one language, ready to render any number of letters. */
export interface TemplateSet {
  /** The language tag the set was loaded for, e.g. `de` or `de-CH`. */
  readonly language: string;
  readonly strings: LetterStrings;
  /** Template name → the file it came from, after overrides. */
  readonly files: Readonly<Record<string, string>>;
  /** Files whose strings make up `strings`, least specific first. */
  readonly stringFiles: readonly string[];
  /** Runs the letter template on a context and returns its markup (see parse-markup.ts). */
  readonly renderMarkup: (context: TemplateContext) => string;
}

/** The localized labels and phrases of a template set (its strings.json, after overrides). */
export function letterStrings(set: TemplateSet): LetterStrings {
  return set.strings;
}
