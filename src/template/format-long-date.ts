// Intl formatters are costly to build and a run may write thousands of letters: keep one per language.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Builds the date format of `language` ahead of the first letter (loading ICU's data takes ~10 ms). */
export function formatterFor(language: string): Intl.DateTimeFormat {
  let formatter = formatters.get(language);
  if (formatter === undefined) {
    // Arabic letters use Western digits, like the action text they quote, whatever the ICU build's
    // default for the region; a tag that asks for a numbering system (-u-nu-) keeps it.
    const western = language.split('-')[0] === 'ar' && !/-u-.*nu-/.test(language);
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC', ...(western ? { numberingSystem: 'latn' } : {}) });
    formatters.set(language, formatter);
  }
  return formatter;
}

/** Formats a YYYY-MM-DD date the way a letter in `language` writes it, e.g. "1 октября 2010 г.". */
export function formatLongDate(isoDate: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [, year, month, day] = match ?? [];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.UTC rolls 2010-02-30 over to March; a date that does not survive the round trip does not exist.
  if (match === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`expected a date written YYYY-MM-DD, got "${isoDate}"`);
  }
  const base = language.split('-')[0]?.toLowerCase();
  return formatterFor(language)
    .formatToParts(date)
    .map(({ type, value }) => {
      // French writes the first of the month as an ordinal: "1er octobre 2010".
      if (base === 'fr' && type === 'day' && value === '1') return '1er';
      // ICU ties "г." (year, kept: it is the standard in Russian official letters) to the year with a
      // narrow no-break space; a full-width one matches the spaces around it and still never breaks.
      if (type === 'literal') return value.replace(/\u202f/g, '\u00a0');
      return value;
    })
    .join('');
}
