// One print file holding many letters (and cover sheets between them), streamed to a sink page
// by page: memory stays flat however many letters go in.
import { pipeline } from 'node:stream/promises';
import type { LetterDocument } from '../letter/letter-document.js';
import { compressPagesInBackground, type DeflatePage } from './background-compression.js';
import { paceCrossReferenceTable } from './cross-reference-table.js';
import type { FontSet } from './fonts.js';
import { addPage, openPdf, shareLayoutCaches, useFontSet, type Pdf } from './pdf-document.js';
import { paperLayout, type Paper, type PaperLayout } from './pdf-layout.js';
import {
  createMeasure,
  drawFlowLine,
  labelledRows,
  lineDirection,
  orderLine,
  placeLines,
  wrapRuns,
  type Direction,
  type FlowLine,
  type Fragment,
  type LabelledRow,
  type Measure,
} from './pdf-text.js';
import { drawLetter } from './render-pdf.js';
import { createLetterForms } from './letter-forms.js';

/** A sheet in front of a batch of letters: what they are about, where they go, by when. */
export interface CoverSheet {
  readonly heading: string;
  readonly recipientLines: readonly string[];
  /** Label and value pairs, e.g. "Letters" and "30", "Deadline" and "12 November 2010". */
  readonly rows: readonly LabelledRow[];
  /** The side the sheet is set from: 'rtl' mirrors it (an Arabic cover). Left to right by default. */
  readonly direction?: Direction;
}

/** A print file being written; add pages in order, then `end()` it. */
export interface CombinedPdf {
  /**
   * Draws one letter starting on a new page; returns the number of pages it took. `fonts`, by
   * default those of the file, lets letters in other scripts use other fonts (Arabic letters
   * DejaVu Sans, see loadFontSet).
   */
  addLetter(doc: LetterDocument, fonts?: FontSet): number;
  /** Draws a cover sheet starting on a new page; returns the number of pages it took. */
  addCoverSheet(cover: CoverSheet, fonts?: FontSet): number;
  /** Adds an empty page, e.g. so that the next letter starts on a front side in duplex. */
  addBlankPage(): void;
  /** Pages added so far. */
  readonly pageCount: number;
  /**
   * Resolves once the pages' contents compressed in the background are written and the sink has
   * taken what was written so far (down to its buffer limit). pdfkit does not wait for a slow
   * sink, so a caller adding thousands of letters awaits this between them to keep memory bounded.
   */
  drained(): Promise<void>;
  /** Finishes the document; resolves when every byte has been written to the sink. */
  end(): Promise<void>;
}

/** How a print file is set up: paper, fonts, the pinned date, and its title and language. */
export interface CombinedPdfOptions {
  readonly paper: Paper;
  readonly fonts: FontSet;
  /** Creation and modification date written into the PDF; pinned for reproducible output. */
  readonly date: Date;
  readonly title: string;
  /** BCP 47 tag of the document's main language, if it has one. */
  readonly language?: string;
  /** Where pages' contents are compressed while the next are drawn; zlib's thread pool by default. */
  readonly deflatePage?: DeflatePage;
}

/** Type sizes of a cover sheet, in points. */
const COVER = {
  heading: 16,
  headingLeading: 22,
  text: 11,
  leading: 15,
  gap: 15,
} as const;

// Bytes the document may hold back before drained() waits for the sink.
const HIGH_WATER_MARK = 1 << 20;
// Bytes its cross-reference table may hold back, at the end: a few of its blocks.
const TABLE_HIGH_WATER_MARK = 256 * 1024;

// Opens a print file writing to `sink` (e.g. a file write stream); identical inputs give
// identical bytes.
export function createCombinedPdf(sink: NodeJS.WritableStream, options: CombinedPdfOptions): CombinedPdf {
  const layout = paperLayout(options.paper);
  const measures = new Map<FontSet, Measure>();
  // Switches to a letter's fonts; returns their measure.
  const use = (fonts: FontSet): Measure => {
    useFontSet(pdf, fonts);
    let measure = measures.get(fonts);
    if (measure === undefined) measures.set(fonts, (measure = createMeasure(fonts)));
    return measure;
  };
  const pdf = openPdf({
    size: layout.pdfkitSize,
    fonts: options.fonts,
    date: options.date,
    title: options.title,
    ...(options.language === undefined ? {} : { language: options.language }),
  });
  const background = compressPagesInBackground(pdf, options.deflatePage);
  const forms = createLetterForms(pdf, { writeEndedPages: () => background.writePending() });
  // pipeline() pipes (pausing on the sink's backpressure), destroys both streams on an error
  // and settles once the sink has finished; end() hands the outcome to the caller.
  let failure: unknown = null;
  const done = pipeline(pdf, sink);
  done.catch((error: unknown) => (failure = error));
  paceCrossReferenceTable(pdf, () => waitForSink(pdf, sink, () => failure, TABLE_HIGH_WATER_MARK));

  let pageCount = 0;
  let ended = false;
  const open = (what: string): void => {
    if (ended) throw new Error(`${what} after end() of a combined PDF`);
    if (failure !== null) throw failure;
  };
  return {
    addLetter(doc, fonts = options.fonts) {
      open('addLetter()');
      const measure = use(fonts);
      shareLayoutCaches(pdf, fonts);
      const pages = drawLetter(pdf, doc, layout, measure, undefined, forms);
      pageCount += pages;
      return pages;
    },
    addCoverSheet(cover, fonts = options.fonts) {
      open('addCoverSheet()');
      const pages = drawCoverSheet(pdf, cover, layout, use(fonts));
      pageCount += pages;
      return pages;
    },
    addBlankPage() {
      open('addBlankPage()');
      addPage(pdf);
      pageCount += 1;
    },
    get pageCount() {
      return pageCount;
    },
    drained: async () => {
      await background.settle();
      await waitForSink(pdf, sink, () => failure, HIGH_WATER_MARK);
    },
    async end() {
      if (ended) throw new Error('end() called twice on a combined PDF');
      ended = true;
      if (failure === null) {
        // A PDF needs at least one page.
        if (pageCount === 0) {
          addPage(pdf);
          pageCount = 1;
        }
        await background.stop();
        pdf.end();
      }
      return done;
    },
  };
}

// A heading, the recipient's address, and a two-column table of labels and values.
function drawCoverSheet(pdf: Pdf, cover: CoverSheet, layout: PaperLayout, measure: Measure): number {
  const width = layout.textWidth;
  const side = cover.direction ?? 'ltr';
  // Each line of the heading and the address in its own direction, set from the sheet's side.
  const order = (text: string, size: number) => (fragments: readonly Fragment[]) =>
    orderLine(fragments, lineDirection(text), width, size, measure, side);
  const lines: FlowLine[] = [];
  const push = (line: Omit<FlowLine, 'keepWithNext'>): void => {
    lines.push({ keepWithNext: false, ...line });
  };
  wrapRuns([{ text: cover.heading, bold: true }], width, COVER.heading, measure)
    .map(order(cover.heading, COVER.heading))
    .forEach((fragments) => push({ fragments, size: COVER.heading, height: COVER.headingLeading, spaceBefore: 0 }));
  cover.recipientLines.forEach((text, i) => {
    wrapRuns([{ text }], width, COVER.text, measure).forEach((fragments, j) =>
      push({
        fragments: order(text, COVER.text)(fragments),
        size: COVER.text,
        height: COVER.leading,
        spaceBefore: i === 0 && j === 0 ? COVER.gap : 0,
      }),
    );
  });
  labelledRows(cover.rows, width, COVER.text, measure, side).lines.forEach((row, i) =>
    row.forEach((fragments, j) =>
      push({ fragments, size: COVER.text, height: COVER.leading, spaceBefore: i === 0 && j === 0 ? COVER.gap : 0 }),
    ),
  );
  const pages = placeLines(lines, {
    firstTop: layout.laterPageTextTop,
    laterTop: layout.laterPageTextTop,
    bottom: layout.textBottom,
  });
  for (const placed of pages) {
    addPage(pdf);
    for (const { line, top } of placed) drawFlowLine(pdf, line, layout.textLeft, top);
  }
  return pages.length;
}

// Waits until the document's own buffer and the sink's hold `limit` bytes at most. While the
// sink needs draining, its 'drain' event ends the wait; otherwise bytes the document still holds
// are about to flow (the pipe resumes on a later tick), so the wait is one turn of the event loop.
async function waitForSink(pdf: Pdf, sink: NodeJS.WritableStream, failure: () => unknown, limit: number): Promise<void> {
  const writable = sink as Partial<{ writableNeedDrain: boolean; writableLength: number }>;
  for (;;) {
    const error = failure();
    if (error !== null) throw error;
    if (pdf.readableLength + (writable.writableLength ?? 0) <= limit) return;
    if (writable.writableNeedDrain) await onceDrainedOrFailed(sink);
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

function onceDrainedOrFailed(sink: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const settle = (): void => {
      sink.removeListener('drain', settle);
      sink.removeListener('close', settle);
      sink.removeListener('error', settle);
      resolve();
    };
    sink.once('drain', settle);
    sink.once('close', settle);
    sink.once('error', settle);
  });
}
