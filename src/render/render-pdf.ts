// Lays a LetterDocument out as a PDF for window envelopes (A4 / DIN 5008 form B, or US Letter in
// a #10 envelope). Pure: fonts come in parsed, bytes go out; nothing is read or written here.
import * as pdfkit from 'pdfkit';
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument, TextRun } from '../letter/letter-document.js';
import { fontStyleOf, type FontkitFont, type FontSet, type FontStyle } from './fonts.js';
import { MM, paperLayout, type Box, type Paper, type PaperLayout } from './pdf-layout.js';

/** How to render: paper size, parsed fonts (reuse them across letters) and the pinned date. */
export interface RenderPdfOptions {
  readonly paper: Paper;
  readonly fonts: FontSet;
  /** Creation and modification date written into the PDF; pinned for reproducible output. */
  readonly date: Date;
}

/** Type sizes and spacing, in points. */
const TYPE = {
  body: 10,
  leading: 14,
  paragraphGap: 8,
  listItemGap: 3,
  listIndent: 5 * MM,
  address: 10,
  addressMin: 6,
  returnAddress: 7,
  returnAddressMin: 5,
  small: 8,
  signatureSpace: 42,
  signatureRule: 60 * MM,
} as const;

const MARK_COLOR = '#808080';
const HEADER_COLOR = '#404040';
const FOLD_MARK_LENGTH = 10;
const PUNCH_MARK_LENGTH = 18;

// @types/pdfkit describes the CommonJS export (`export =`); the ESM build pdfkit ships for Node
// exports the same class as its default, which is what runs here.
const PDFDocument = (pdfkit as unknown as { default: new (options: PDFKit.PDFDocumentOptions) => Pdf }).default;

type Pdf = PDFKit.PDFDocument;

interface Piece {
  readonly text: string;
  readonly style: FontStyle;
}

/** A styled stretch of one line, `x` from the line's left edge. */
interface Fragment extends Piece {
  readonly x: number;
}

/** One line of running text, ready to place on a page. */
interface FlowLine {
  readonly fragments: readonly Fragment[];
  readonly size: number;
  readonly height: number;
  /** Space above the line, dropped when the line opens a page. */
  readonly spaceBefore: number;
  /** Keep this line on the same page as the next one (no orphans, widows or lone signatures). */
  keepWithNext: boolean;
  /** A rule to sign or write on, this wide, instead of text. */
  readonly rule?: number;
}

type Measure = (text: string, style: FontStyle, size: number) => number;

// Renders one letter to PDF bytes; identical inputs give identical bytes.
export async function renderPdf(doc: LetterDocument, options: RenderPdfOptions): Promise<Uint8Array> {
  const layout = paperLayout(options.paper);
  const pdf = new PDFDocument({
    size: layout.pdfkitSize,
    margin: 0,
    bufferPages: true,
    compress: true,
    // An empty name skips loading Helvetica, which a letter never uses (foliojs/pdfkit#1647).
    font: '',
    pdfVersion: '1.4',
    lang: doc.language,
    displayTitle: true,
    // pdfkit derives the trailer /ID from this dictionary, so a pinned date pins the ID too.
    info: {
      Title: doc.title,
      Subject: doc.subject,
      Creator: 'ua-letter',
      Producer: 'ua-letter',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  const bytes = collectBytes(pdf);
  registerFonts(pdf, options.fonts);
  const measure: Measure = (text, style, size) => (advanceWidth(options.fonts[style].font, text) * size) / 1000;

  drawMarks(pdf, layout);
  drawReturnAddress(pdf, doc.returnAddress, layout.returnZone, measure);
  drawRecipient(pdf, doc.recipientLines, layout.recipientZone, measure);
  drawSender(pdf, doc.senderLines, layout.senderZone, measure);
  placeLines(pdf, doc, layout, flowLines(doc, layout, measure), measure);
  drawFooters(pdf, doc.pageLabel, layout, measure);
  pdf.end();
  return bytes;
}

// Widths in 1/1000 em, per font, shared by all letters of a run: shaping a word is the costliest
// step of measuring, and letters of one action repeat most of their words.
const widthCaches = new WeakMap<FontkitFont, Map<string, number>>();
const WIDTH_CACHE_LIMIT = 50_000;

// Measures text the way pdfkit lays it out (shaped piece by piece, each piece ending after a
// space), so a line measured here is exactly as wide when pdfkit draws it.
function advanceWidth(font: FontkitFont, text: string): number {
  let cache = widthCaches.get(font);
  if (!cache) widthCaches.set(font, (cache = new Map()));
  let total = 0;
  for (const piece of text.match(/[^ \t]*[ \t]?/g) ?? []) {
    if (piece === '') continue;
    let width = cache.get(piece);
    if (width === undefined) {
      if (cache.size >= WIDTH_CACHE_LIMIT) cache.clear();
      width = (font.layout(piece).advanceWidth * 1000) / font.unitsPerEm;
      cache.set(piece, width);
    }
    total += width;
  }
  return total;
}

function collectBytes(pdf: Pdf): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function registerFonts(pdf: Pdf, fonts: FontSet): void {
  for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    // pdfkit accepts an already parsed fontkit font (it only checks for `layout`), which saves
    // re-parsing the file for every letter; its typings only list paths and buffers.
    pdf.registerFont(style, fonts[style].font as unknown as PDFKit.Mixins.PDFFontSource);
    // Selecting a font does not embed it; only fonts that text is drawn in are embedded.
    pdf.font(style);
    shareLayoutCache(pdf, fonts[style].font);
  }
}

/** The pdfkit internals shareLayoutCache relies on (EmbeddedFont in pdfkit 0.20). */
interface PdfkitFontInternals {
  readonly font?: unknown;
  layoutCache?: unknown;
}

// Shaped words by font, shared by the letters of a run, renewed now and then to bound memory.
const layoutCaches = new WeakMap<FontkitFont, { cache: object; letters: number }>();
const LAYOUT_CACHE_LETTERS = 1000;

// pdfkit caches shaped words per document on its font object; shaping is a third of the time
// of a letter, and the result depends only on the fontkit font (positions are pre-scaled to
// 1/1000 em and never mutated), so letters share one cache. If pdfkit's internals change,
// the check below fails and each letter simply shapes its own words.
function shareLayoutCache(pdf: Pdf, font: FontkitFont): void {
  const current = (pdf as unknown as { _font?: PdfkitFontInternals })._font;
  if (current?.font !== font || typeof current.layoutCache !== 'object') return;
  let shared = layoutCaches.get(font);
  if (!shared || shared.letters >= LAYOUT_CACHE_LETTERS) {
    shared = { cache: Object.create(null) as object, letters: 0 };
    layoutCaches.set(font, shared);
  }
  shared.letters += 1;
  current.layoutCache = shared.cache;
}

function drawMarks(pdf: Pdf, layout: PaperLayout): void {
  pdf.save().lineWidth(0.5).strokeColor(MARK_COLOR);
  for (const y of layout.foldMarks) {
    pdf.moveTo(layout.markLeft, y).lineTo(layout.markLeft + FOLD_MARK_LENGTH, y).stroke();
  }
  if (layout.punchMark !== null) {
    const y = layout.punchMark;
    pdf.moveTo(layout.markLeft, y).lineTo(layout.markLeft + PUNCH_MARK_LENGTH, y).stroke();
  }
  pdf.restore();
}

// One small line above the recipient; shrunk, then shortened, so it never leaves the window.
function drawReturnAddress(pdf: Pdf, text: string, zone: Box, measure: Measure): void {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return;
  let size: number = TYPE.returnAddress;
  while (size > TYPE.returnAddressMin && measure(line, 'regular', size) > zone.width) size -= 0.5;
  const fitted = truncateToWidth(line, zone.width, (t) => measure(t, 'regular', size));
  const baseline = zone.y + zone.height - size * 0.45;
  drawText(pdf, fitted, 'regular', size, zone.x, baseline);
  const underline = baseline + size * 0.2;
  const width = measure(fitted, 'regular', size);
  pdf.save().lineWidth(0.3).moveTo(zone.x, underline).lineTo(zone.x + width, underline).stroke().restore();
}

function drawRecipient(pdf: Pdf, lines: readonly string[], zone: Box, measure: Measure): void {
  drawBlock(pdf, fitOrRefuse(lines, zone, 'recipient', measure), zone);
}

// The sender's address, or blank ruled lines to write it on by hand.
function drawSender(pdf: Pdf, lines: readonly string[] | null, zone: Box, measure: Measure): void {
  if (lines !== null) {
    drawBlock(pdf, fitOrRefuse(lines, zone, 'sender', measure), zone);
    return;
  }
  const count = 4;
  const step = zone.height / count;
  pdf.save().lineWidth(0.4).strokeColor(MARK_COLOR);
  for (let i = 1; i <= count; i++) {
    pdf.moveTo(zone.x, zone.y + i * step).lineTo(zone.x + zone.width, zone.y + i * step).stroke();
  }
  pdf.restore();
}

// An address that does not fit even in small type would be cut off by the envelope window or
// run into it, so the letter is refused rather than sent to a mangled address.
function fitOrRefuse(
  lines: readonly string[],
  zone: Box,
  whose: 'recipient' | 'sender',
  measure: Measure,
): FittedBlock {
  const fitted = fitBlock(lines, zone, TYPE.address, TYPE.addressMin, measure);
  if (fitted !== null) return fitted;
  throw new UaError(
    `render/${whose}-address-too-long`,
    `the ${whose}'s address (${lines.length} lines) does not fit its place on the page even at ${TYPE.addressMin} pt`,
  );
}

interface FittedBlock {
  readonly size: number;
  readonly lines: readonly (readonly Fragment[])[];
}

// Finds the largest size at which an address block fits its box: first by shrinking lines
// down to 8 pt unbroken (an address reads best one item per line), then by also wrapping them.
function fitBlock(
  lines: readonly string[],
  box: Box,
  largest: number,
  smallest: number,
  measure: Measure,
): FittedBlock | null {
  const unbrokenMin = Math.max(8, smallest);
  for (const wrap of [false, true]) {
    for (let size = largest; size >= (wrap ? smallest : unbrokenMin); size -= 0.5) {
      const wrapped = lines.flatMap((line) => wrapRuns([{ text: line }], box.width, size, measure));
      const tooWide = !wrap && wrapped.length > lines.length;
      if (!tooWide && wrapped.length * blockLeading(size) <= box.height) return { size, lines: wrapped };
    }
  }
  return null;
}

function blockLeading(size: number): number {
  return size * 1.2;
}

function drawBlock(pdf: Pdf, block: FittedBlock, box: Box): void {
  const leading = blockLeading(block.size);
  block.lines.forEach((fragments, i) => {
    const baseline = box.y + i * leading + block.size;
    for (const f of fragments) drawText(pdf, f.text, f.style, block.size, box.x + f.x, baseline);
  });
}

function drawText(pdf: Pdf, text: string, style: FontStyle, size: number, x: number, baseline: number): void {
  pdf.font(style).fontSize(size).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

// Everything from the date line down, as lines of running text to be split into pages.
function flowLines(doc: LetterDocument, layout: PaperLayout, measure: Measure): FlowLine[] {
  const width = layout.textWidth;
  const out: FlowLine[] = [];
  const line = (fragments: readonly Fragment[], spaceBefore: number, extra: Partial<FlowLine> = {}): FlowLine => ({
    fragments,
    size: TYPE.body,
    height: TYPE.leading,
    spaceBefore,
    keepWithNext: false,
    ...extra,
  });
  // Wraps runs at `indent`; `lead` (a bullet, the cc label) goes in front of the first line.
  const pushWrapped = (runs: readonly TextRun[], indent: number, spaceBefore: number, lead?: Fragment): FlowLine[] => {
    const added = wrapRuns(runs, width - indent, TYPE.body, measure).map((fragments, i) => {
      const shifted = fragments.map((f) => ({ ...f, x: f.x + indent }));
      return line(i === 0 && lead ? [lead, ...shifted] : shifted, i === 0 ? spaceBefore : 0);
    });
    // No orphaned first line and no widowed last line.
    if (added.length >= 2) {
      added[0]!.keepWithNext = true;
      added[added.length - 2]!.keepWithNext = true;
    }
    out.push(...added);
    return added;
  };
  const keepWithNext = (lines: FlowLine[]): void => lines.forEach((l) => (l.keepWithNext = true));

  const dateWidth = measure(doc.dateLine, 'regular', TYPE.body);
  if (dateWidth <= width) out.push(line([{ text: doc.dateLine, style: 'regular', x: width - dateWidth }], 0));
  else pushWrapped([{ text: doc.dateLine }], 0, 0);

  let gap: number = TYPE.leading;
  if (doc.reference !== '') {
    keepWithNext(pushWrapped([{ text: doc.reference }], 0, gap));
    gap = 0;
  }
  if (doc.subjectLine !== '') keepWithNext(pushWrapped([{ text: doc.subjectLine, bold: true }], 0, gap));

  // DIN 5008: two blank lines between the subject and the salutation, one between paragraphs.
  gap = 2 * TYPE.leading;
  const bullet: Fragment = { text: '•', style: 'regular', x: 0 };
  for (const block of doc.body) {
    if (block.type === 'paragraph') pushWrapped(block.runs, 0, gap);
    else {
      block.items.forEach((runs, i) => pushWrapped(runs, TYPE.listIndent, i === 0 ? gap : TYPE.listItemGap, bullet));
    }
    gap = TYPE.paragraphGap;
  }

  // The complimentary close stays with the room for the hand signature and the name under it.
  keepWithNext(out.slice(-1));
  out.push(line([], TYPE.paragraphGap, { height: TYPE.signatureSpace, keepWithNext: true }));
  if (doc.signatureName === null) out.push(line([], 0, { rule: TYPE.signatureRule }));
  else pushWrapped([{ text: doc.signatureName }], 0, 0);

  const label = doc.ccLabel.trim();
  const indent = label === '' ? 0 : measure(`${label} `, 'regular', TYPE.body);
  doc.cc.forEach((entry, i) => {
    const lead = i === 0 && label !== '' ? { text: label, style: 'regular' as const, x: 0 } : undefined;
    pushWrapped([{ text: entry }], indent, i === 0 ? TYPE.leading : 0, lead);
  });
  return out;
}

// Splits styled runs into lines no wider than `width`: greedy, breaking at spaces and at `\n`;
// a word longer than a whole line is broken between characters.
function wrapRuns(runs: readonly TextRun[], width: number, size: number, measure: Measure): Fragment[][] {
  const lines: Fragment[][] = [];
  for (const hardLine of splitWords(runs)) {
    let line: Piece[] = [];
    let lineWidth = 0;
    const flush = (): void => {
      lines.push(toFragments(line, size, measure));
      line = [];
      lineWidth = 0;
    };
    for (const word of hardLine) {
      for (const part of breakLongWord(word, width, size, measure)) {
        const partWidth = piecesWidth(part.pieces, size, measure);
        const space = part.space && line.length > 0 ? part.space : null;
        const spaceWidth = space ? measure(space.text, space.style, size) : 0;
        if (line.length > 0 && lineWidth + spaceWidth + partWidth > width) flush();
        if (line.length > 0 && space) {
          line.push(space);
          lineWidth += spaceWidth;
        }
        line.push(...part.pieces);
        lineWidth += partWidth;
      }
    }
    flush();
  }
  return lines;
}

interface Word {
  readonly pieces: readonly Piece[];
  /** The space before the word, in the style of the run it came from; null at a line start. */
  readonly space: Piece | null;
}

// Line breaks and breakable white space (no-break spaces stay inside words).
const BREAKS = /(\n|[^\S\n\u00a0\u2007\u202f]+)/u;
const SPACES = /^[^\S\n\u00a0\u2007\u202f]+$/u;

// Cuts runs into hard lines of words; a word may mix styles ("**Baimaganbetov**,").
function splitWords(runs: readonly TextRun[]): Word[][] {
  const hardLines: Word[][] = [[]];
  let pieces: Piece[] = [];
  let space: Piece | null = null;
  const endWord = (): void => {
    if (pieces.length === 0) return;
    hardLines.at(-1)!.push({ pieces, space });
    pieces = [];
    space = null;
  };
  for (const run of runs) {
    const style = fontStyleOf(run);
    for (const part of run.text.replace(/\r\n?/g, '\n').split(BREAKS)) {
      if (part === '') continue;
      if (part === '\n') {
        endWord();
        hardLines.push([]);
        space = null;
      } else if (SPACES.test(part)) {
        endWord();
        space = { text: ' ', style };
      } else {
        appendPiece(pieces, part, style);
      }
    }
  }
  endWord();
  return hardLines;
}

function breakLongWord(word: Word, width: number, size: number, measure: Measure): Word[] {
  if (piecesWidth(word.pieces, size, measure) <= width) return [word];
  const parts: Word[] = [];
  let current: Piece[] = [];
  let currentWidth = 0;
  for (const piece of word.pieces) {
    for (const { segment } of graphemes.segment(piece.text)) {
      const w = measure(segment, piece.style, size);
      if (current.length > 0 && currentWidth + w > width) {
        parts.push({ pieces: current, space: parts.length === 0 ? word.space : null });
        current = [];
        currentWidth = 0;
      }
      appendPiece(current, segment, piece.style);
      currentWidth += w;
    }
  }
  if (current.length > 0) parts.push({ pieces: current, space: parts.length === 0 ? word.space : null });
  return parts;
}

// Adds text to a list of pieces, extending the last one when the style is the same.
function appendPiece(pieces: Piece[], text: string, style: FontStyle): void {
  const last = pieces.at(-1);
  if (last && last.style === style) pieces[pieces.length - 1] = { text: last.text + text, style };
  else pieces.push({ text, style });
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function piecesWidth(pieces: readonly Piece[], size: number, measure: Measure): number {
  return pieces.reduce((sum, p) => sum + measure(p.text, p.style, size), 0);
}

// Merges same-style neighbours so each fragment is drawn with one text call.
function toFragments(pieces: readonly Piece[], size: number, measure: Measure): Fragment[] {
  const merged: Piece[] = [];
  for (const piece of pieces) appendPiece(merged, piece.text, piece.style);
  let x = 0;
  return merged.map((piece) => {
    const fragment = { ...piece, x };
    x += measure(piece.text, piece.style, size);
    return fragment;
  });
}

function truncateToWidth(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...graphemes.segment(text)].map((s) => s.segment);
  while (chars.length > 0 && measure(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

// Splits the running text into pages: later pages get a header with the recipient and date.
function placeLines(
  pdf: Pdf,
  doc: LetterDocument,
  layout: PaperLayout,
  lines: readonly FlowLine[],
  measure: Measure,
): void {
  let y = layout.firstPageTextTop;
  let atPageTop = true;
  const pageRoom = layout.textBottom - layout.laterPageTextTop;
  lines.forEach((line, i) => {
    const chain = chainHeight(lines, i);
    const before = atPageTop ? 0 : line.spaceBefore;
    const breakForChain = !atPageTop && y + before + chain > layout.textBottom && chain <= pageRoom;
    const breakForLine = !atPageTop && y + before + line.height > layout.textBottom;
    if (breakForChain || breakForLine) {
      pdf.addPage();
      drawHeader(pdf, doc, layout, measure);
      y = layout.laterPageTextTop;
    } else {
      y += before;
    }
    drawFlowLine(pdf, line, layout.textLeft, y);
    y += line.height;
    atPageTop = false;
  });
}

// Height of a line plus the lines it must stay with.
function chainHeight(lines: readonly FlowLine[], start: number): number {
  let height = lines[start]?.height ?? 0;
  for (let i = start; lines[i]?.keepWithNext && i + 1 < lines.length; i++) {
    const next = lines[i + 1]!;
    height += next.spaceBefore + next.height;
  }
  return height;
}

function drawFlowLine(pdf: Pdf, line: FlowLine, left: number, top: number): void {
  // Centre one em of type in the line: 0.8 em above the baseline, 0.2 em below it.
  const baseline = top + (line.height - line.size) / 2 + line.size * 0.8;
  if (line.rule !== undefined) {
    pdf.save().lineWidth(0.5).moveTo(left, baseline).lineTo(left + line.rule, baseline).stroke().restore();
  }
  for (const f of line.fragments) drawText(pdf, f.text, f.style, line.size, left + f.x, baseline);
}

function drawHeader(pdf: Pdf, doc: LetterDocument, layout: PaperLayout, measure: Measure): void {
  const baseline = layout.headerTop + TYPE.small;
  const measureSmall = (text: string): number => measure(text, 'regular', TYPE.small);
  const dateWidth = measureSmall(doc.dateLine);
  const name = truncateToWidth(doc.recipientShort, layout.textWidth - dateWidth - 4 * MM, measureSmall);
  pdf.save().fillColor(HEADER_COLOR);
  drawText(pdf, name, 'regular', TYPE.small, layout.textLeft, baseline);
  drawText(pdf, doc.dateLine, 'regular', TYPE.small, layout.textLeft + layout.textWidth - dateWidth, baseline);
  pdf.restore();
}

// "Page n of m" on every page, once the page count is known; a one-page letter needs none.
function drawFooters(pdf: Pdf, label: string, layout: PaperLayout, measure: Measure): void {
  const { start, count } = pdf.bufferedPageRange();
  if (count < 2) return;
  for (let i = 0; i < count; i++) {
    pdf.switchToPage(start + i);
    const text = label.replaceAll('{n}', String(i + 1)).replaceAll('{m}', String(count));
    const width = measure(text, 'regular', TYPE.small);
    pdf.save().fillColor(HEADER_COLOR);
    const x = layout.textLeft + (layout.textWidth - width) / 2;
    drawText(pdf, text, 'regular', TYPE.small, x, layout.footerTop + TYPE.small);
    pdf.restore();
  }
}
