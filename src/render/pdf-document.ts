// A pdfkit document set up the way every ua-letter PDF is: our fonts, pinned dates and ID, no
// automatic first page, and pages released from memory as soon as they are written.
import * as pdfkit from 'pdfkit';
import type { FontkitFont, FontSet, FontStyle } from './fonts.js';
import { packWrittenPages, useCompactOffsets, writeInBlocks } from './pdf-memory.js';

export type Pdf = PDFKit.PDFDocument;

// @types/pdfkit describes the CommonJS export (`export =`); the ESM build pdfkit ships for Node
// exports the same class as its default, which is what runs here.
const PDFDocument = (pdfkit as unknown as { default: new (options: PDFKit.PDFDocumentOptions) => Pdf }).default;

/** What a PDF is opened with. */
export interface OpenPdfOptions {
  readonly size: 'A4' | 'LETTER';
  readonly fonts: FontSet;
  /** Creation and modification date; with the title and subject it also pins the file ID. */
  readonly date: Date;
  readonly title: string;
  readonly subject?: string;
  /** BCP 47 tag written as the document's /Lang. */
  readonly language?: string;
}

// Opens an empty document (no page yet) with the fonts registered as 'regular', 'bold',
// 'italic' and 'boldItalic'. Pages are never buffered: each one is written out as soon as the
// next one is added, so a print file of thousands of letters does not grow in memory.
export function openPdf(options: OpenPdfOptions): Pdf {
  const pdf = new PDFDocument({
    size: options.size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: false,
    compress: true,
    // An empty name skips loading Helvetica, which a letter never uses (foliojs/pdfkit#1647).
    font: '',
    pdfVersion: '1.4',
    ...(options.language === undefined ? {} : { lang: options.language }),
    displayTitle: true,
    // pdfkit derives the trailer /ID from this dictionary, so a pinned date pins the ID too.
    info: {
      Title: options.title,
      ...(options.subject === undefined ? {} : { Subject: options.subject }),
      Creator: 'ua-letter',
      Producer: 'ua-letter',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  useCompactOffsets(pdf);
  writeInBlocks(pdf);
  useFontSet(pdf, options.fonts);
  shareLayoutCaches(pdf, options.fonts);
  return pdf;
}

// Collects everything a document writes; resolves once it has ended.
export function collectBytes(pdf: Pdf): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

// Starts a new page. pdfkit has just written out the previous page; what it still holds of it
// is dropped here (see packWrittenPages).
export function addPage(pdf: Pdf): void {
  pdf.addPage();
  packWrittenPages(pdf);
}

const STYLES = ['regular', 'bold', 'italic', 'boldItalic'] as const;

// The font sets registered in each document, by their files, and the suffix of their names:
// the first set's fonts are named 'regular', 'bold'...; a later one's 'regular#1', 'bold#1'...
const fontSets = new WeakMap<Pdf, { readonly suffixes: Map<string, string>; current: string }>();

// Makes `fonts` the set text is drawn in from now on, registering it on first use: a print
// file may hold letters in Arabic (DejaVu Sans) and in English (DejaVu Serif). A font file
// used by several sets is embedded once.
export function useFontSet(pdf: Pdf, fonts: FontSet): void {
  let state = fontSets.get(pdf);
  if (state === undefined) fontSets.set(pdf, (state = { suffixes: new Map(), current: '' }));
  const key = STYLES.map((style) => fonts[style].path).join('\n');
  let suffix = state.suffixes.get(key);
  if (suffix === undefined) {
    suffix = state.suffixes.size === 0 ? '' : `#${state.suffixes.size}`;
    for (const style of STYLES) {
      // pdfkit accepts an already parsed fontkit font (it only checks for `layout`), which saves
      // re-parsing the file for every letter; its typings only list paths and buffers.
      pdf.registerFont(style + suffix, fonts[style].font as unknown as PDFKit.Mixins.PDFFontSource);
    }
    state.suffixes.set(key, suffix);
  }
  state.current = suffix;
}

// The name `style` of the font set in use is registered under.
export function fontName(pdf: Pdf, style: FontStyle): string {
  return style + (fontSets.get(pdf)?.current ?? '');
}

/** The pdfkit internals shareLayoutCaches relies on (EmbeddedFont in pdfkit 0.20). */
interface PdfkitFontInternals {
  readonly font?: unknown;
  layoutCache?: unknown;
  layoutRun?: unknown;
}

// Shaped words by font, shared by the letters of a run, renewed every 250 letters to bound
// memory: the words every letter repeats are shaped again in a fraction of one letter's time,
// and a signer's own words (names, house numbers) do not pile up; renewed every 1,000 letters,
// they held 1.5-2 MB more of a print worker's heap at its peak.
const layoutCaches = new WeakMap<FontkitFont, { cache: object; letters: number }>();
const LAYOUT_CACHE_LETTERS = 250;
// Glyph positions by font, shared by its shaped words; they outlive a renewed word cache.
const sharedPositions = new WeakMap<FontkitFont, Map<string, object>>();
// The document fonts whose layoutRun gives shared positions.
const sharingPositions = new WeakSet<object>();

// pdfkit caches shaped words per document on its font object; shaping is a third of the time
// of a letter, and the result depends only on the fontkit font (positions are pre-scaled to
// 1/1000 em and never mutated), so letters share one cache. Call once per letter: the count
// of letters decides when the cache is renewed, which bounds it in a print file of thousands
// of letters too. `fonts` must be the set in use (useFontSet). If pdfkit's internals change,
// the checks below fail and each document simply shapes its own words.
export function shareLayoutCaches(pdf: Pdf, fonts: FontSet): void {
  const counted = new Set<FontkitFont>();
  for (const style of STYLES) {
    const font = fonts[style].font;
    // Selecting a font does not embed it; only fonts that text is drawn in are embedded.
    pdf.font(fontName(pdf, style));
    const current = (pdf as unknown as { _font?: PdfkitFontInternals })._font;
    if (current?.font !== font || typeof current.layoutCache !== 'object') continue;
    let shared = layoutCaches.get(font);
    if (!shared || shared.letters >= LAYOUT_CACHE_LETTERS) {
      shared = { cache: Object.create(null) as object, letters: 0 };
      layoutCaches.set(font, shared);
    }
    if (!counted.has(font)) shared.letters += 1;
    counted.add(font);
    current.layoutCache = shared.cache;
    let positions = sharedPositions.get(font);
    if (positions === undefined) sharedPositions.set(font, (positions = new Map()));
    sharePositions(current, positions);
  }
}

// A word's shaped glyphs each have a position object (advance and offsets, 5 numbers), and a
// full cache holds some 24,000 of them (5 MB of a print worker's 30 MB heap), though few differ:
// a glyph mostly has the same advance wherever it is. Equal positions are made one shared object
// as words are shaped, which (never mutated) serves them all.
function sharePositions(font: PdfkitFontInternals, positions: Map<string, object>): void {
  const layoutRun = font.layoutRun;
  if (typeof layoutRun !== 'function' || sharingPositions.has(font)) return;
  sharingPositions.add(font);
  font.layoutRun = function sharedLayoutRun(this: unknown, ...args: unknown[]): unknown {
    const run = layoutRun.apply(this, args) as { positions?: unknown };
    if (!Array.isArray(run?.positions)) return run;
    const list = run.positions as Record<string, unknown>[];
    for (let i = 0; i < list.length; i++) {
      const position = list[i]!;
      const key = `${position.xAdvance} ${position.yAdvance} ${position.xOffset} ${position.yOffset} ${position.advanceWidth}`;
      const known = positions.get(key);
      if (known !== undefined) list[i] = known as Record<string, unknown>;
      else {
        if (positions.size >= POSITIONS_LIMIT) positions.clear();
        positions.set(key, position);
      }
    }
    return run;
  };
}

const POSITIONS_LIMIT = 10_000;

/** The pdfkit internals mapRightToLeftLigatures relies on (EmbeddedFont in pdfkit 0.20). */
interface PdfkitUnicodeMap {
  readonly _font?: { unicode?: unknown };
}

// Presentation form of each Arabic ligature, by what it stands for (NFKC): "لا" -> U+FEFB.
let presentationForms: Map<string, number> | undefined;

function presentationFormOf(text: string): number | undefined {
  if (presentationForms === undefined) {
    presentationForms = new Map();
    for (const [from, to] of [
      [0xfb50, 0xfdff],
      [0xfe70, 0xfefc],
    ] as const) {
      for (let codePoint = from; codePoint <= to; codePoint++) {
        const meaning = String.fromCodePoint(codePoint).normalize('NFKC');
        if ([...meaning].length > 1 && !presentationForms.has(meaning)) presentationForms.set(meaning, codePoint);
      }
    }
  }
  return presentationForms.get(text.normalize('NFKC'));
}

const mappedGlyphs = new WeakMap<object, number>();

// pdfkit maps a ligature glyph to the characters it stands for, in logical order (lam, alef).
// Text extractors (poppler, pdf.js) read right-to-left glyphs from the right and reverse each
// glyph's characters with them, so "لا" would come out as "ال". Mapped instead to its Arabic
// presentation form (one character, U+FEFB), the ligature extracts in the right place, as text
// that NFKC normalizes back to "لا". Only glyphs added since the last call are looked at.
export function mapRightToLeftLigatures(pdf: Pdf): void {
  const font = (pdf as unknown as PdfkitUnicodeMap)._font;
  const unicode = font?.unicode;
  if (font === undefined || !Array.isArray(unicode)) return;
  for (let gid = mappedGlyphs.get(font) ?? 0; gid < unicode.length; gid++) {
    const codePoints: unknown = unicode[gid];
    if (!Array.isArray(codePoints) || codePoints.length < 2) continue;
    if (!codePoints.every((c) => typeof c === 'number')) continue;
    const form = presentationFormOf(String.fromCodePoint(...(codePoints as number[])));
    if (form !== undefined) unicode[gid] = [form];
  }
  mappedGlyphs.set(font, unicode.length);
}
