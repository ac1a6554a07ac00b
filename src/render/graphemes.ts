// Text split into what a reader sees as one character (a letter with its accents, an emoji
// sequence), for the few lines that must be cut or reversed. ICU's segmenter takes ~20 ms to
// create, so it is made on first use rather than whenever a PDF run loads its renderer; grapheme
// clusters do not depend on the locale, and 'und' keeps them independent of the machine's.
let segmenter: Intl.Segmenter | undefined;

export function graphemesOf(text: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), ({ segment }) => segment);
}
