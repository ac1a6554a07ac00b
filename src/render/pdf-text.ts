// Measuring, breaking and drawing text for the PDF renderers (letters, faxes, labels, cover
// sheets): lines are broken here, never by pdfkit, so a line is exactly as wide as measured.
import type { TextRun } from '../letter/letter-document.js';
import { detectDirection, textForFontkit, visualRuns } from './bidi.js';
import { fontStyleOf, type FontkitFont, type FontSet, type FontStyle } from './fonts.js';
import type { Box } from './pdf-layout.js';
import { drawText } from './draw-text.js';
import type { Pdf } from './pdf-document.js';
import { graphemesOf } from './graphemes.js';
import { shapeKept } from './shaped-pieces.js';

/** A stretch of text in one style. */
export interface Piece {
  readonly text: string;
  readonly style: FontStyle;
}

/** A styled stretch of one line, `x` from the line's left edge. */
export interface Fragment extends Piece {
  readonly x: number;
  /**
   * A stretch of a right-to-left run, in logical order: fontkit shapes it as a whole (joining
   * Arabic letters) and lays its glyphs out right to left.
   */
  readonly rtl?: boolean;
}

/** Width in points of `text` set in `style` at `size` points, as pdfkit draws it word by word. */
export interface Measure {
  (text: string, style: FontStyle, size: number): number;
  /** The width of a right-to-left fragment, which is shaped as one run. */
  run(text: string, style: FontStyle, size: number): number;
}

// One measure per font set (by its files), so that lines wrapped for one letter serve the next.
const measures = new WeakMap<FontkitFont, Map<string, Measure>>();

// Returns the measure for a font set, as wide as pdfkit will draw the same text.
export function createMeasure(fonts: FontSet): Measure {
  let bySet = measures.get(fonts.regular.font);
  if (!bySet) measures.set(fonts.regular.font, (bySet = new Map()));
  const key = [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic].map((f) => f.path).join('\n');
  let measure = bySet.get(key);
  if (!measure) bySet.set(key, (measure = newMeasure(fonts)));
  return measure;
}

function newMeasure(fonts: FontSet): Measure {
  const measure = (text: string, style: FontStyle, size: number): number =>
    (advanceWidth(fonts[style].font, text) * size) / 1000;
  return Object.assign(measure, {
    run: (text: string, style: FontStyle, size: number): number => (runWidth(fonts[style].font, text) * size) / 1000,
  });
}

// Widths in 1/1000 em, per font, shared by all letters of a run: shaping a word is the costliest
// step of measuring, and letters of one action repeat most of their words. A few thousand entries
// hold a letter's words many times over; each signer adds a few of their own (a name, a house
// number) that no other letter uses, so a larger cache only fills up with those over a long batch:
// at 50,000 entries it was some 3 MB of each worker's heap at 100,000 letters and none at 1,000.
const widthCaches = new WeakMap<FontkitFont, Map<string, number>>();
const WIDTH_CACHE_LIMIT = 4096;

// Measures text the way pdfkit lays it out (shaped piece by piece, each piece ending after a
// space), so a line measured here is exactly as wide when pdfkit draws it.
function advanceWidth(font: FontkitFont, text: string): number {
  let cache = widthCaches.get(font);
  if (!cache) widthCaches.set(font, (cache = new Map()));
  let total = 0;
  let start = 0;
  // Most calls measure one word, so the text is cut by hand rather than by a regular expression.
  while (start < text.length) {
    let end = start;
    while (end < text.length && text[end] !== ' ' && text[end] !== '\t') end++;
    const piece = text.slice(start, Math.min(end + 1, text.length));
    let width = cache.get(piece);
    if (width === undefined) {
      if (cache.size >= WIDTH_CACHE_LIMIT) cache.clear();
      width = (shapeKept(font, piece).advanceWidth * 1000) / font.unitsPerEm;
      cache.set(piece, width);
    }
    total += width;
    start = end + 1;
  }
  return total;
}

const runWidthCaches = new WeakMap<FontkitFont, Map<string, number>>();
const RUN_WIDTH_CACHE_LIMIT = 10_000;

// Measures text shaped as one run, as pdfkit lays out text drawn with `features` set.
function runWidth(font: FontkitFont, text: string): number {
  let cache = runWidthCaches.get(font);
  if (!cache) runWidthCaches.set(font, (cache = new Map()));
  let width = cache.get(text);
  if (width === undefined) {
    if (cache.size >= RUN_WIDTH_CACHE_LIMIT) cache.clear();
    width = (font.layout(text).advanceWidth * 1000) / font.unitsPerEm;
    cache.set(text, width);
  }
  return width;
}

/** The direction of a paragraph or line: which side it starts from. */
export type Direction = 'ltr' | 'rtl';

// Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation
// forms, and the right-to-left scripts outside the BMP) and the marks that start right-to-left
// text: a line with none of them in a left-to-right paragraph needs no reordering.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

// The direction a line of its own (an address line, a header) is set in: that of its first
// strong letter, left to right if it has none.
export function lineDirection(text: string): Direction {
  return RIGHT_TO_LEFT.test(text) ? detectDirection(text) : 'ltr';
}

// Puts the fragments of one line, given in logical order with `x` from the line's start side,
// in drawing order on a line `width` wide: runs reordered by the Unicode bidirectional
// algorithm for a paragraph of `direction`, right-to-left runs marked to be shaped whole. When
// the line is laid out from the right (`side`, by default its direction), the whole stretch is
// mirrored, so that it ends where a left-to-right one would start: a phone number in an Arabic
// table is ordered left to right but set flush right. The fragments must be one stretch of
// text (each starting where the one before ends); lay out a bullet or a label in front of the
// text as a stretch of its own.
export function orderLine(
  fragments: readonly Fragment[],
  direction: Direction,
  width: number,
  size: number,
  measure: Measure,
  side: Direction = direction,
): Fragment[] {
  const first = fragments[0];
  if (first === undefined) return [];
  const text = fragments.map((f) => f.text).join('');
  if (direction === 'ltr' && side === 'ltr' && !RIGHT_TO_LEFT.test(text)) return [...fragments];
  // Where each fragment ends in the line's text.
  let end = 0;
  const ends = fragments.map((f) => (end += f.text.length));
  const pieces: { text: string; style: FontStyle; rtl: boolean; width: number; logical: number }[] = [];
  for (const run of visualRuns(text, direction)) {
    const parts: typeof pieces = [];
    fragments.forEach((f, i) => {
      const from = Math.max(run.start, (ends[i] ?? 0) - f.text.length);
      const to = Math.min(run.end, ends[i] ?? 0);
      if (from >= to) return;
      // The run's own text: brackets in a right-to-left run are mirrored there.
      const slice = run.text.slice(from - run.start, to - run.start);
      const drawn = run.rtl ? textForFontkit({ text: slice, rtl: true, start: from, end: to }) : slice;
      const partWidth = run.rtl ? measure.run(drawn, f.style, size) : measure(drawn, f.style, size);
      parts.push({ text: drawn, style: f.style, rtl: run.rtl, width: partWidth, logical: from });
    });
    pieces.push(...(run.rtl ? parts.reverse() : parts));
  }
  const total = pieces.reduce((sum, p) => sum + p.width, 0);
  let x = side === 'rtl' ? width - first.x - total : first.x;
  const placed = pieces.map((p) => {
    const fragment: Fragment = { text: p.text, style: p.style, x, ...(p.rtl ? { rtl: true } : {}) };
    x += p.width;
    return { fragment, logical: p.logical };
  });
  // Drawn in reading order: where they go on the page does not depend on it, but extractors
  // that keep the order of the content stream (pdf.js) then read the line in logical order.
  return placed.sort((a, b) => a.logical - b.logical).map((p) => p.fragment);
}

// Where a set of fragments starts and ends on its line.
export function extentOf(fragments: readonly Fragment[], size: number, measure: Measure): { left: number; right: number } {
  let left = Infinity;
  let right = -Infinity;
  for (const f of fragments) {
    const w = f.rtl ? measure.run(f.text, f.style, size) : measure(f.text, f.style, size);
    left = Math.min(left, f.x);
    right = Math.max(right, f.x + w);
  }
  return left <= right ? { left, right } : { left: 0, right: 0 };
}

/** The fragment moved `dx` to the right. */
export function shiftFragment(fragment: Fragment, dx: number): Fragment {
  return Object.assign({}, fragment, { x: fragment.x + dx });
}

// Draws a fragment of a line whose left edge is at `left`.
export function drawFragment(pdf: Pdf, fragment: Fragment, size: number, left: number, baseline: number): void {
  drawText(pdf, fragment.text, fragment.style, size, left + fragment.x, baseline, fragment.rtl);
}

/** An address-like block fitted into a box: the type size and the lines at that size. */
export interface FittedBlock {
  readonly size: number;
  readonly lines: readonly (readonly Fragment[])[];
}

// Finds the largest size at which a block of lines fits its box: first by shrinking lines down
// to 8 pt unbroken (an address reads best one item per line), then by also wrapping them. Each
// line keeps its own direction: an Arabic line is set flush right, a Latin one flush left.
export function fitBlock(
  lines: readonly string[],
  box: Box,
  largest: number,
  smallest: number,
  measure: Measure,
): FittedBlock | null {
  const unbrokenMin = Math.max(8, smallest);
  for (const wrap of [false, true]) {
    for (let size = largest; size >= (wrap ? smallest : unbrokenMin); size -= 0.5) {
      const wrapped = lines.flatMap((line) => {
        const direction = lineDirection(line);
        return wrapRuns([{ text: line }], box.width, size, measure).map((fragments) =>
          orderLine(fragments, direction, box.width, size, measure),
        );
      });
      const tooWide = !wrap && wrapped.length > lines.length;
      if (!tooWide && wrapped.length * blockLeading(size) <= box.height) return { size, lines: wrapped };
    }
  }
  return null;
}

// Line spacing of a fitted block.
export function blockLeading(size: number): number {
  return size * 1.2;
}

// Draws a fitted block from the top left of `box`.
export function drawBlock(pdf: Pdf, block: FittedBlock, box: Box): void {
  const leading = blockLeading(block.size);
  block.lines.forEach((fragments, i) => {
    const baseline = box.y + i * leading + block.size;
    for (const f of fragments) drawFragment(pdf, f, block.size, box.x, baseline);
  });
}

// Lines already wrapped, by measure: the letters of a batch repeat their paragraphs word for
// word, and wrapping them is a fifth of the time of a page. Bounded by starting afresh.
const wrapped = new WeakMap<Measure, Map<string, readonly (readonly Fragment[])[]>>();
const WRAPPED_LIMIT = 2000;

// Splits styled runs into lines no wider than `width`: greedy, breaking at spaces and at `\n`;
// a word longer than a whole line is broken between characters. The result is shared: callers
// make new lines from it, never change it.
export function wrapRuns(runs: readonly TextRun[], width: number, size: number, measure: Measure): readonly (readonly Fragment[])[] {
  let cache = wrapped.get(measure);
  if (!cache) wrapped.set(measure, (cache = new Map()));
  let key = `${width}|${size}`;
  for (const run of runs) key += `\u0000${fontStyleOf(run)}\u0000${run.text}`;
  let lines = cache.get(key);
  if (lines === undefined) {
    if (cache.size >= WRAPPED_LIMIT) cache.clear();
    lines = wrapRunsAfresh(runs, width, size, measure);
    cache.set(key, lines);
  }
  return lines;
}

function wrapRunsAfresh(runs: readonly TextRun[], width: number, size: number, measure: Measure): Fragment[][] {
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
    for (const segment of graphemesOf(piece.text)) {
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

function piecesWidth(pieces: readonly Piece[], size: number, measure: Measure): number {
  return pieces.reduce((sum, p) => sum + measure(p.text, p.style, size), 0);
}

// Merges same-style neighbours so each fragment is drawn with one text call.
function toFragments(pieces: readonly Piece[], size: number, measure: Measure): Fragment[] {
  const merged: Piece[] = [];
  for (const piece of pieces) appendPiece(merged, piece.text, piece.style);
  let x = 0;
  return merged.map((piece) => {
    const fragment = { text: piece.text, style: piece.style, x };
    x += measure(piece.text, piece.style, size);
    return fragment;
  });
}

// Shortens text with an ellipsis until it fits `width`.
export function truncateToWidth(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = graphemesOf(text);
  while (chars.length > 0 && measure(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** One line of running text, ready to place on a page. */
export interface FlowLine {
  readonly fragments: readonly Fragment[];
  readonly size: number;
  readonly height: number;
  /** Space above the line, dropped when the line opens a page. */
  readonly spaceBefore: number;
  /** Keep this line on the same page as the next one (no orphans, widows or lone signatures). */
  keepWithNext: boolean;
  /** A rule to sign or write on instead of text, `x` from the line's left edge. */
  readonly rule?: { readonly x: number; readonly width: number };
}

/** A line placed on a page, `top` from the page's top edge. */
export interface PlacedLine {
  readonly line: FlowLine;
  readonly top: number;
}

/** Where running text may go: from `firstTop` on the first page, `laterTop` on the others. */
export interface TextArea {
  readonly firstTop: number;
  readonly laterTop: number;
  readonly bottom: number;
}

// Splits running text into pages, keeping chains of keep-with-next lines together when they
// fit on a page at all. Pure: nothing is drawn, so the page count is known before drawing.
export function placeLines(lines: readonly FlowLine[], area: TextArea): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  let y = area.firstTop;
  let atPageTop = true;
  const pageRoom = area.bottom - area.laterTop;
  lines.forEach((line, i) => {
    const chain = chainHeight(lines, i);
    const before = atPageTop ? 0 : line.spaceBefore;
    const breakForChain = !atPageTop && y + before + chain > area.bottom && chain <= pageRoom;
    const breakForLine = !atPageTop && y + before + line.height > area.bottom;
    if (breakForChain || breakForLine) {
      pages.push([]);
      y = area.laterTop;
    } else {
      y += before;
    }
    pages.at(-1)!.push({ line, top: y });
    y += line.height;
    atPageTop = false;
  });
  return pages;
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

// Draws a line of running text (or its rule) with its top at `top`.
export function drawFlowLine(pdf: Pdf, line: FlowLine, left: number, top: number): void {
  // Centre one em of type in the line: 0.8 em above the baseline, 0.2 em below it.
  const baseline = top + (line.height - line.size) / 2 + line.size * 0.8;
  const { rule } = line;
  if (rule !== undefined) {
    pdf.save().lineWidth(0.5).moveTo(left + rule.x, baseline).lineTo(left + rule.x + rule.width, baseline).stroke().restore();
  }
  for (const f of line.fragments) drawFragment(pdf, f, line.size, left, baseline);
}

/** A row of a two-column table: a bold label and its value. */
export interface LabelledRow {
  readonly label: string;
  readonly value: string;
}

// Sets rows of labels (bold, in a first column at most a third of `width` wide) and values
// (wrapped in the rest) as lines; `valueLeft` is where the values start, from the start side
// (the right in a right-to-left table).
export function labelledRows(
  rows: readonly LabelledRow[],
  width: number,
  size: number,
  measure: Measure,
  direction: Direction = 'ltr',
): { readonly lines: Fragment[][][]; readonly valueLeft: number } {
  const labelWidth = Math.min(width / 3, Math.max(0, ...rows.map((row) => measure(row.label, 'bold', size))));
  const valueLeft = labelWidth + size * 1.2;
  const lines = rows.map((row) => {
    const label = wrapRuns([{ text: row.label, bold: true }], labelWidth, size, measure);
    const value = row.value === '' ? [] : wrapRuns([{ text: row.value }], width - valueLeft, size, measure);
    return Array.from({ length: Math.max(label.length, value.length) }, (_, j) => [
      ...orderLine(label[j] ?? [], lineDirection(row.label), width, size, measure, direction),
      ...orderLine(
        (value[j] ?? []).map((f) => shiftFragment(f, valueLeft)),
        lineDirection(row.value),
        width,
        size,
        measure,
        direction,
      ),
    ]);
  });
  return { lines, valueLeft };
}
