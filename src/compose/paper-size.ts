export type Paper = 'a4' | 'letter';

// Countries whose post and printers use US Letter; everywhere else A4 is the norm.
const LETTER_COUNTRIES = new Set([
  'us', 'usa', 'united states', 'united states of america', 'ca', 'canada', 'mx', 'mexico', 'méxico',
  'ph', 'philippines', 'cl', 'chile', 'co', 'colombia', 've', 'venezuela', 'gt', 'guatemala', 'pr', 'puerto rico',
]);

/** The paper size a sender in `country` would load in the printer: Letter in North America and a few others, else A4. */
export function paperForCountry(country: string | undefined): Paper {
  return country !== undefined && LETTER_COUNTRIES.has(country.trim().toLowerCase()) ? 'letter' : 'a4';
}
