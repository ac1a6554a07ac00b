import { formatLongDate } from './format-long-date.js';
import { fillPlaceholders, type LetterStrings } from './letter-strings.js';
import { lowercaseAfterSalutation } from './lowercase-after-salutation.js';
import { EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN, wrapInMarkers } from './markup-markers.js';
import { TemplateHelperError, type HelperLocation } from './template-error.js';

// The only helpers templates may call (besides Handlebars' if, unless, each and with). The engine
// declares exactly these as known, so any other name is a compile error at load time.
//   {{#strong}}…{{/strong}} {{#em}}…{{/em}}   bold, italic
//   {{salutation text}}                         adds the language's punctuation if the text has none;
//                                               bare=true strips it (for the French closing formula)
//   {{date iso}}                                localized long date
//   {{join list}}                               "A, B and C" in the letter's language
//   {{names people}}                            display names of recipients or people, for join
//   {{eq a b}}                                  strict equality, for {{#if (eq kind "copy")}}
//   {{t "key" name=value}}                      a strings.json entry with {name} placeholders filled
//   {{#afterSalutation}}…{{/afterSalutation}}   lower-cases a German function word starting the text
export const HELPER_NAMES = [
  'strong',
  'em',
  'salutation',
  'date',
  'join',
  'names',
  'eq',
  't',
  'afterSalutation',
] as const;

export type HelperName = (typeof HELPER_NAMES)[number];
type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** The part of Handlebars' helper options our helpers read. */
interface HelperOptions {
  readonly name?: string;
  readonly fn?: (context: unknown) => string;
  readonly hash?: Readonly<Record<string, unknown>>;
  readonly data?: { readonly root?: unknown };
  readonly loc?: HelperLocation;
}

// Handlebars passes the options object last, after the positional arguments.
function splitArgs(args: readonly unknown[]): { params: unknown[]; options: HelperOptions } {
  const options = (args[args.length - 1] ?? {}) as HelperOptions;
  return { params: args.slice(0, -1), options };
}

function expectParams(name: HelperName, params: readonly unknown[], count: number, options: HelperOptions): void {
  if (params.length !== count) {
    const expected = count === 1 ? '1 argument' : `${count} arguments`;
    throw new TemplateHelperError(`helper "${name}" expects ${expected}, got ${params.length}`, options.loc);
  }
}

function rootField(options: HelperOptions, key: string): unknown {
  const root = options.data?.root;
  if (typeof root !== 'object' || root === null || !Object.hasOwn(root, key)) return undefined;
  return (root as Record<string, unknown>)[key];
}

function ownText(entry: object, key: string): string | undefined {
  const value = Object.hasOwn(entry, key) ? (entry as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

// "Serik Baimaganbetov (Minister of Internal Affairs)": an apposition reads correctly in every language
// without articles or grammatical case, which "the Minister ..." or "министру ..." would need.
function displayName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry.trim() === '' ? undefined : entry.trim();
  if (typeof entry !== 'object' || entry === null) return undefined;
  const name = ownText(entry, 'name');
  const title = ownText(entry, 'title');
  if (name !== undefined && title !== undefined) return `${name} (${title})`;
  return name ?? title ?? ownText(entry, 'organisation') ?? ownText(entry, 'group');
}

const listFormats = new Map<string, Intl.ListFormat>();

function listFormatFor(language: string): Intl.ListFormat {
  let format = listFormats.get(language);
  if (format === undefined) {
    format = new Intl.ListFormat(language, { type: 'conjunction', style: 'long' });
    listFormats.set(language, format);
  }
  return format;
}

const TRAILING_PUNCTUATION = /[\s,:;!،؛؟]+$/u;

/** Creates the helpers of one template set; `language` is used when a context carries none. */
export function createHelpers(strings: LetterStrings, language: string): Record<HelperName, Helper> {
  const localeOf = (options: HelperOptions): string => {
    const value = rootField(options, 'language');
    return typeof value === 'string' && value !== '' ? value : language;
  };

  const blockHelper = (name: HelperName, transform: (text: string, options: HelperOptions) => string): Helper =>
    function (this: unknown, ...args: unknown[]) {
      const { params, options } = splitArgs(args);
      expectParams(name, params, 0, options);
      if (options.fn === undefined) {
        const usage = `{{#${name}}}…{{/${name}}}`;
        throw new TemplateHelperError(`"${name}" is a block helper: write ${usage}`, options.loc);
      }
      return transform(options.fn(this), options);
    };

  const guarded = (name: HelperName, options: HelperOptions, run: () => string): string => {
    try {
      return run();
    } catch (error) {
      if (error instanceof TemplateHelperError) throw error;
      throw new TemplateHelperError(`helper "${name}": ${(error as Error).message}`, options.loc);
    }
  };

  return {
    strong: blockHelper('strong', (text) => wrapInMarkers(text, STRONG_OPEN, STRONG_CLOSE)),
    em: blockHelper('em', (text) => wrapInMarkers(text, EM_OPEN, EM_CLOSE)),
    afterSalutation: blockHelper('afterSalutation', (text, options) =>
      lowercaseAfterSalutation(text, localeOf(options)),
    ),

    salutation(...args) {
      const { params, options } = splitArgs(args);
      expectParams('salutation', params, 1, options);
      const given = typeof params[0] === 'string' ? params[0].trim() : '';
      const fallback =
        rootField(options, 'kind') === 'diplomatic' ? strings.diplomaticSalutation : strings.defaultSalutation;
      const text = given === '' ? fallback : given;
      if (options.hash?.['bare'] === true) return text.replace(TRAILING_PUNCTUATION, '');
      // Punctuation the author wrote (e.g. an American "Dear Minister:") is theirs to keep.
      return /[,:;!.،؛؟]$/u.test(text) ? text : text + strings.salutationPunctuation;
    },

    date(...args) {
      const { params, options } = splitArgs(args);
      expectParams('date', params, 1, options);
      return guarded('date', options, () => formatLongDate(String(params[0]), localeOf(options)));
    },

    join(...args) {
      const { params, options } = splitArgs(args);
      expectParams('join', params, 1, options);
      const [list] = params;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
        const message = 'helper "join" expects a list of texts, e.g. (names primaryRecipients)';
        throw new TemplateHelperError(message, options.loc);
      }
      return guarded('join', options, () => listFormatFor(localeOf(options)).format(list as string[]));
    },

    names(...args) {
      const { params, options } = splitArgs(args);
      expectParams('names', params, 1, options);
      const [list] = params;
      if (!Array.isArray(list)) throw new TemplateHelperError('helper "names" expects a list', options.loc);
      return list.map(displayName).filter((name): name is string => name !== undefined);
    },

    eq(...args) {
      const { params, options } = splitArgs(args);
      expectParams('eq', params, 2, options);
      return params[0] === params[1];
    },

    t(...args) {
      const { params, options } = splitArgs(args);
      expectParams('t', params, 1, options);
      const [key] = params;
      if (typeof key !== 'string' || !Object.hasOwn(strings, key)) {
        throw new TemplateHelperError(`strings.json has no entry ${JSON.stringify(key)}`, options.loc);
      }
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(options.hash ?? {})) {
        if (typeof value === 'string' || typeof value === 'number') values[name] = value;
      }
      return guarded('t', options, () => fillPlaceholders(strings[key] ?? '', values));
    },
  };
}
