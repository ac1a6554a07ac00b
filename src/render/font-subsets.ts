// Embedding a font in a one-page letter (subsetting it with fontkit, then compressing it) takes
// half the time of the whole letter. The embedded file depends only on the font and the list of
// glyphs the letter used, in order of first use, and letters of a run mostly use the same glyphs
// in the same order: so the compressed file is made once per glyph list and reused, byte for
// byte what pdfkit would have written. So is the compressed ToUnicode map that goes with it
// (its text is pdfkit's; compressing it was 4% of a letter).
import { deflateSync } from 'node:zlib';
import type { LetterDocument } from '../letter/letter-document.js';
import { textsByStyle } from './glyph-coverage.js';
import { fontName, type Pdf } from './pdf-document.js';

/** The pdfkit internals reuseFontSubsets relies on (EmbeddedFont and PDFReference, 0.20). */
interface EmbeddedFontInternals {
  readonly font: object;
  readonly subset: { readonly glyphs: unknown; encode: () => Uint8Array };
  readonly document: { ref: (data?: object) => ReferenceInternals };
  embed: () => void;
}
interface ReferenceInternals {
  compress: boolean;
  readonly data: Record<string, unknown>;
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array | string): void;
}

// Compressed font files by fontkit font, then by glyph list; the most recently used are kept.
const subsets = new WeakMap<object, Map<string, Uint8Array>>();
const SUBSETS_PER_FONT = 32;

// Compressed ToUnicode maps by their text, as pdfkit writes them; the most recently used are kept.
const unicodeMaps = new Map<string, Uint8Array>();
const UNICODE_MAPS = 64;

// Controls and invisible characters are never drawn as glyphs.
const NEEDS_NO_GLYPH = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

// A batch in a script of thousands of characters (Chinese names) gets no shared alphabet: each
// letter's subset would carry every name's characters.
const MAX_ALPHABET = 400;

/**
 * The characters outside ASCII of `texts` (e.g. every signer's name and address), in code-point
 * order: the `alphabet` of RenderPdfOptions. Empty when there are too many to share.
 */
export function alphabetOf(texts: Iterable<string>): string {
  const characters = new Set<string>();
  for (const text of texts) {
    for (const ch of text) if (ch > '\u007e' && !NEEDS_NO_GLYPH.test(ch)) characters.add(ch);
    if (characters.size > MAX_ALPHABET) return '';
  }
  return [...characters].sort().join('');
}

/** Glyph lists looked up and found, since the process started (the tests read it). */
export const subsetCacheStats = { lookups: 0, hits: 0 };

const PATCHED = Symbol('ua-letter reuses font subsets');

// Makes every font of `pdf` take its embedded file from the cache. Call before pdf.end(). If
// pdfkit's internals change, the checks fail and pdfkit subsets each font itself, as before.
export function reuseFontSubsets(pdf: Pdf): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, unknown> })._fontFamilies;
  if (typeof families !== 'object' || families === null) return;
  for (const font of new Set(Object.values(families))) {
    if (isEmbeddedFont(font)) patchEmbed(font);
  }
}

function isEmbeddedFont(font: unknown): font is EmbeddedFontInternals {
  const candidate = font as Partial<EmbeddedFontInternals> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.font === 'object' &&
    typeof candidate.embed === 'function' &&
    typeof candidate.document?.ref === 'function' &&
    Array.isArray(candidate.subset?.glyphs) &&
    typeof candidate.subset.encode === 'function'
  );
}

function patchEmbed(font: EmbeddedFontInternals): void {
  const marked = font as unknown as Record<symbol, boolean>;
  if (marked[PATCHED]) return;
  marked[PATCHED] = true;
  const embed = font.embed;
  font.embed = function embedFromCache(this: EmbeddedFontInternals) {
    const file = cachedSubset(this);
    const { subset, document } = this;
    const encode = subset.encode;
    const ref = document.ref;
    const placeholder = new Uint8Array(0);
    let fontFile: ReferenceInternals | undefined;
    // embed() opens the font file's stream first, then ends it with subset.encode(): that
    // stream gets the cached bytes, already compressed, as pdfkit would have compressed them.
    subset.encode = () => placeholder;
    document.ref = function (this: unknown, data?: object) {
      const reference = ref.call(document, data);
      if (fontFile === undefined) {
        fontFile = reference;
        const end = reference.end;
        reference.end = (chunk?: Uint8Array | string) => {
          if (chunk !== placeholder) return end.call(reference, chunk);
          return endCompressed(reference, end, file);
        };
      } else if (data === undefined) {
        // A stream embed() ends with text is its ToUnicode map (pdfkit 0.20 makes no other).
        const end = reference.end;
        reference.end = (chunk?: Uint8Array | string) => {
          if (typeof chunk !== 'string' || !reference.compress) return end.call(reference, chunk);
          return endCompressed(reference, end, cachedUnicodeMap(chunk));
        };
      }
      return reference;
    };
    try {
      embed.call(this);
    } finally {
      subset.encode = encode;
      document.ref = ref;
    }
  };
}

// Ends a stream with bytes compressed already: the dictionary comes out as pdfkit writes it for a
// stream it compresses itself (Length, then Filter).
function endCompressed(reference: ReferenceInternals, end: ReferenceInternals['end'], bytes: Uint8Array): void {
  reference.write(bytes);
  reference.compress = false;
  reference.data['Filter'] = 'FlateDecode';
  end.call(reference);
}

// What pdfkit's PDFReference makes of text it is given (a line break added, one byte per
// character, compressed), made once per distinct map.
function cachedUnicodeMap(text: string): Uint8Array {
  let bytes = unicodeMaps.get(text);
  if (bytes !== undefined) unicodeMaps.delete(text);
  else {
    bytes = deflateSync(Buffer.from(`${text}\n`, 'latin1'));
    if (unicodeMaps.size >= UNICODE_MAPS) unicodeMaps.delete(unicodeMaps.keys().next().value as string);
  }
  unicodeMaps.set(text, bytes);
  return bytes;
}

function cachedSubset(font: EmbeddedFontInternals): Uint8Array {
  let files = subsets.get(font.font);
  if (files === undefined) subsets.set(font.font, (files = new Map()));
  const key = (font.subset.glyphs as unknown[]).join(',');
  subsetCacheStats.lookups += 1;
  let file = files.get(key);
  if (file !== undefined) {
    subsetCacheStats.hits += 1;
    files.delete(key);
  } else {
    file = deflateSync(font.subset.encode());
    if (files.size >= SUBSETS_PER_FONT) files.delete(files.keys().next().value as string);
  }
  files.set(key, file);
  return file;
}

/** The pdfkit internals startLetterSubsets relies on (EmbeddedFont.encode, 0.20). */
interface EncodingFont {
  encode: (text: string, features?: unknown) => unknown;
}

const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const STYLES = ['regular', 'bold', 'italic', 'boldItalic'] as const;

// A letter's first lines (the signer's name and address) differ from letter to letter, so the
// order in which glyphs are first used, and with it the glyph list, would too. Starting each
// face's subset with the characters the letter sets in it, in code-point order (and, in the
// regular face, all of printable ASCII, which names and addresses mostly draw from), makes the
// glyph lists of letters with the same characters equal. `alphabet` goes into every letter's
// regular face too: with the characters of all the signers of a batch, their letters share one
// list whatever their names. Call after openPdf, before drawing.
export function startLetterSubsets(pdf: Pdf, doc: LetterDocument, alphabet = ''): void {
  const families = (pdf as unknown as { _fontFamilies?: Record<string, unknown> })._fontFamilies;
  const texts = textsByStyle(doc);
  for (const style of STYLES) {
    const font = families?.[fontName(pdf, style)] as Partial<EncodingFont> | undefined;
    if (typeof font?.encode !== 'function' || !isEmbeddedFont(font)) continue;
    const characters = new Set((style === 'regular' ? PRINTABLE_ASCII + alphabet : '') + texts[style].join(''));
    const first = [...characters].filter((ch) => !NEEDS_NO_GLYPH.test(ch)).sort();
    const target = font as unknown as EncodingFont;
    const encode = font.encode;
    // Only a face the letter draws in is embedded: the fixed start is added on its first use.
    target.encode = function (this: unknown, text: string, features?: unknown) {
      target.encode = encode;
      for (const character of first) encode.call(target, character);
      return encode.call(target, text, features);
    };
  }
}
