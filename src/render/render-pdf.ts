// Lays a LetterDocument out as a PDF for window envelopes (A4 / DIN 5008 form B, or US Letter in
// a #10 envelope). Pure: fonts come in parsed, bytes go out; nothing is read or written here.
// A right-to-left letter (Arabic, Hebrew, Farsi) is the same layout mirrored where reading
// order matters: text flush right, bullets and hanging indents on the right, the date on the
// left. The envelope window does not move, and address lines keep their own direction.
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument, TextRun } from '../letter/letter-document.js';
import { beginLetter } from './draw-text.js';
import type { FontSet } from './fonts.js';
import { reuseFontSubsets, startLetterSubsets } from './font-subsets.js';
import type { LetterForms } from './letter-forms.js';
import { addPage, collectBytes, openPdf, type Pdf } from './pdf-document.js';
import { MM, paperLayout, type Box, type Paper, type PaperLayout } from './pdf-layout.js';
import {
  createMeasure,
  drawBlock,
  drawFlowLine,
  drawFragment,
  extentOf,
  fitBlock,
  lineDirection,
  orderLine,
  placeLines,
  shiftFragment,
  truncateToWidth,
  wrapRuns,
  type Direction,
  type FittedBlock,
  type FlowLine,
  type Fragment,
  type Measure,
} from './pdf-text.js';

/** How to render: paper size, parsed fonts (reuse them across letters) and the pinned date. */
export interface RenderPdfOptions {
  readonly paper: Paper;
  readonly fonts: FontSet;
  /** Creation and modification date written into the PDF; pinned for reproducible output. */
  readonly date: Date;
  /**
   * Characters every letter's font subset starts with (see alphabetOf): with those of all the
   * signers of a batch, its letters share one embedded font, made once. Output bytes depend on it.
   */
  readonly alphabet?: string;
}

/** Type sizes and spacing, in points. */
export const TYPE = {
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

export const MARK_COLOR = '#808080';
const HEADER_COLOR = '#404040';
const FOLD_MARK_LENGTH = 10;
const PUNCH_MARK_LENGTH = 18;

/** What page 1 of a letter carries above its running text. */
export interface FirstPageHead {
  /** Top of the running text (the date line) on page 1. */
  readonly textTop: number;
  /** Draws the head on page 1, once the letter's page count is known. */
  draw(pdf: Pdf, pageCount: number): void;
}

// Renders one letter to PDF bytes; identical inputs give identical bytes.
export function renderPdf(doc: LetterDocument, options: RenderPdfOptions): Promise<Uint8Array> {
  return renderLetterDocument(doc, options);
}

// One letter in a document of its own, with an optional head on page 1 in place of the window
// addresses (a fax cover header); shared by renderPdf and renderFax.
export async function renderLetterDocument(
  doc: LetterDocument,
  options: RenderPdfOptions,
  head?: (layout: PaperLayout, measure: Measure) => FirstPageHead,
): Promise<Uint8Array> {
  const layout = paperLayout(options.paper);
  const measure = createMeasure(options.fonts);
  const pdf = openPdf({
    size: layout.pdfkitSize,
    fonts: options.fonts,
    date: options.date,
    title: doc.title,
    subject: doc.subject,
    language: doc.language,
  });
  const bytes = collectBytes(pdf);
  startLetterSubsets(pdf, doc, options.alphabet);
  drawLetter(pdf, doc, layout, measure, head?.(layout, measure));
  reuseFontSubsets(pdf);
  pdf.end();
  return bytes;
}

/**
 * Throws what renderPdf would throw for `doc` (an address too long for its place on the page),
 * without drawing anything: for a run that makes no PDF of the letter by itself (a print file).
 */
export function checkLetterFits(doc: LetterDocument, options: Pick<RenderPdfOptions, 'paper' | 'fonts'>): void {
  envelopeHead(doc, paperLayout(options.paper), createMeasure(options.fonts));
}

// Draws one letter on new pages of `pdf` and returns how many it took. The letter is laid out
// in full first, so that page 1 can say how many pages follow without going back to it (a
// streamed print file writes each page as soon as the next one starts), and so that a letter
// that cannot be rendered fails before anything is drawn. `head` is what page 1 carries above
// the text: by default the addresses in the envelope window and the fold marks. With `forms`
// (a print file), the text letters share is laid out once and drawn as forms (letter-forms.ts).
export function drawLetter(
  pdf: Pdf,
  doc: LetterDocument,
  layout: PaperLayout,
  measure: Measure,
  head: FirstPageHead = envelopeHead(doc, layout, measure),
  forms?: LetterForms,
): number {
  beginLetter();
  const flow = new LetterFlow(doc, layout, measure);
  const dateLines = flow.dateLines();
  const shared = forms?.lines(measure, sharedContent(doc), () => flow.sharedLines()) ?? { id: -1, lines: flow.sharedLines() };
  const closingLines = flow.closingLines();
  const pages = placeLines([...dateLines, ...shared.lines, ...closingLines], {
    firstTop: head.textTop,
    laterTop: layout.laterPageTextTop,
    bottom: layout.textBottom,
  });
  let first = 0;
  pages.forEach((placed, i) => {
    addPage(pdf);
    if (i === 0) head.draw(pdf, pages.length);
    else drawHeader(pdf, doc, layout, measure);
    const drawLines = (from: number, to: number): void => {
      for (let k = from; k < to; k++) drawFlowLine(pdf, placed[k]!.line, layout.textLeft, placed[k]!.top);
    };
    // The page's lines: its share of the date lines, of the shared lines, of the closing lines.
    const sharedFrom = clamp(dateLines.length - first, 0, placed.length);
    const sharedTo = clamp(dateLines.length + shared.lines.length - first, sharedFrom, placed.length);
    drawLines(0, sharedFrom);
    if (forms && sharedTo > sharedFrom) {
      // Lines placed from the same top on a page are placed alike: the first line's index and
      // top and the count name them all.
      const key = `${shared.id} ${first + sharedFrom - dateLines.length} ${sharedTo - sharedFrom} ${placed[sharedFrom]!.top}`;
      forms.draw(pdf, key, () => drawLines(sharedFrom, sharedTo));
    } else {
      drawLines(sharedFrom, sharedTo);
    }
    drawLines(sharedTo, placed.length);
    first += placed.length;
    drawFooter(pdf, doc.pageLabel, i + 1, pages.length, layout, measure);
  });
  return pages.length;
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(Math.max(n, low), high);
}

// What the shared lines of a letter are made of (LetterFlow.sharedLines).
function sharedContent(doc: LetterDocument): readonly unknown[] {
  return [doc.direction, doc.reference, doc.subjectLine, doc.body];
}

// Page 1 of a letter for a window envelope: fold and punch marks, the return address and the
// recipient in the window, the sender beside it. Fits both addresses now (or refuses).
function envelopeHead(doc: LetterDocument, layout: PaperLayout, measure: Measure): FirstPageHead {
  const recipient = fitOrRefuse(doc.recipientLines, layout.recipientZone, 'recipient', measure);
  const sender = doc.senderLines === null ? null : fitOrRefuse(doc.senderLines, layout.senderZone, 'sender', measure);
  return {
    textTop: layout.firstPageTextTop,
    draw: (pdf) => {
      drawMarks(pdf, layout);
      drawReturnAddress(pdf, doc.returnAddress, layout.returnZone, measure);
      drawBlock(pdf, recipient, layout.recipientZone);
      if (sender === null) drawWritingLines(pdf, layout.senderZone, 4);
      else drawBlock(pdf, sender, layout.senderZone);
    },
  };
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
  const fragments = orderLine([{ text: fitted, style: 'regular', x: 0 }], lineDirection(fitted), zone.width, size, measure);
  const baseline = zone.y + zone.height - size * 0.45;
  for (const f of fragments) drawFragment(pdf, f, size, zone.x, baseline);
  const underline = baseline + size * 0.2;
  const { left, right } = extentOf(fragments, size, measure);
  pdf.save().lineWidth(0.3).moveTo(zone.x + left, underline).lineTo(zone.x + right, underline).stroke().restore();
}

// Blank ruled lines to write on by hand, e.g. the sender's address.
function drawWritingLines(pdf: Pdf, zone: Box, count: number): void {
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

// Everything from the date line down, as lines of running text to be split into pages, in three
// parts: the date line (which names the signer's town), the lines letters to the same recipient
// share (reference, subject, salutation through complimentary close, the room to sign) and the
// closing ones (the signer's name, the copies). Lines are broken in logical order, then each is
// put in drawing order (orderLine): in a right-to-left letter that also mirrors it.
class LetterFlow {
  // The lines of the part being laid out.
  private out: FlowLine[] = [];
  private readonly width: number;

  constructor(
    private readonly doc: LetterDocument,
    layout: PaperLayout,
    private readonly measure: Measure,
  ) {
    this.width = layout.textWidth;
  }

  dateLines(): FlowLine[] {
    const { doc, width } = this;
    this.out = [];
    const dateWidth = this.measure(doc.dateLine, 'regular', TYPE.body);
    if (dateWidth <= width) this.out.push(line(this.order([{ text: doc.dateLine, style: 'regular', x: width - dateWidth }]), 0));
    else this.pushWrapped([{ text: doc.dateLine }], 0, 0);
    return this.out;
  }

  sharedLines(): FlowLine[] {
    const { doc } = this;
    this.out = [];
    let gap: number = TYPE.leading;
    if (doc.reference !== '') {
      keepWithNext(this.pushWrapped([{ text: doc.reference }], 0, gap));
      gap = 0;
    }
    if (doc.subjectLine !== '') keepWithNext(this.pushWrapped([{ text: doc.subjectLine, bold: true }], 0, gap));

    // DIN 5008: two blank lines between the subject and the salutation, one between paragraphs.
    gap = 2 * TYPE.leading;
    const bullet: Fragment = { text: '•', style: 'regular', x: 0 };
    for (const block of doc.body) {
      if (block.type === 'paragraph') this.pushWrapped(block.runs, 0, gap);
      else {
        block.items.forEach((runs, i) => this.pushWrapped(runs, TYPE.listIndent, i === 0 ? gap : TYPE.listItemGap, bullet));
      }
      gap = TYPE.paragraphGap;
    }
    // The complimentary close stays with the room for the hand signature and the name under it.
    keepWithNext(this.out.slice(-1));
    this.out.push(line([], TYPE.paragraphGap, { height: TYPE.signatureSpace, keepWithNext: true }));
    return this.out;
  }

  closingLines(): FlowLine[] {
    const { doc, width } = this;
    this.out = [];
    if (doc.signatureName === null) {
      const x = doc.direction === 'rtl' ? width - TYPE.signatureRule : 0;
      this.out.push(line([], 0, { rule: { x, width: TYPE.signatureRule } }));
    }
    else this.pushWrapped([{ text: doc.signatureName }], 0, 0);

    const label = doc.ccLabel.trim();
    const indent = label === '' ? 0 : this.measure(`${label} `, 'regular', TYPE.body);
    doc.cc.forEach((entry, i) => {
      const lead = i === 0 && label !== '' ? { text: label, style: 'regular' as const, x: 0 } : undefined;
      this.pushWrapped([{ text: entry }], indent, i === 0 ? TYPE.leading : 0, lead);
    });
    return this.out;
  }

  private order(fragments: readonly Fragment[]): Fragment[] {
    return orderLine(fragments, this.doc.direction, this.width, TYPE.body, this.measure);
  }

  // Wraps runs at `indent`; `lead` (a bullet, the cc label) goes in front of the first line.
  private pushWrapped(runs: readonly TextRun[], indent: number, spaceBefore: number, lead?: Fragment): FlowLine[] {
    const added = wrapRuns(runs, this.width - indent, TYPE.body, this.measure).map((fragments, i) => {
      const shifted = this.order(fragments.map((f) => shiftFragment(f, indent)));
      return line(i === 0 && lead ? [...this.order([lead]), ...shifted] : shifted, i === 0 ? spaceBefore : 0);
    });
    // No orphaned first line and no widowed last line.
    if (added.length >= 2) {
      added[0]!.keepWithNext = true;
      added[added.length - 2]!.keepWithNext = true;
    }
    this.out.push(...added);
    return added;
  }
}

function line(fragments: readonly Fragment[], spaceBefore: number, extra: Partial<FlowLine> = {}): FlowLine {
  return { fragments, size: TYPE.body, height: TYPE.leading, spaceBefore, keepWithNext: false, ...extra };
}

function keepWithNext(lines: FlowLine[]): void {
  lines.forEach((l) => (l.keepWithNext = true));
}

// Later pages are headed with the recipient (at the start side) and the date (at the end).
function drawHeader(pdf: Pdf, doc: LetterDocument, layout: PaperLayout, measure: Measure): void {
  const baseline = layout.headerTop + TYPE.small;
  const measureSmall = (text: string): number => measure(text, 'regular', TYPE.small);
  const width = layout.textWidth;
  const dateWidth = measureSmall(doc.dateLine);
  const name = truncateToWidth(doc.recipientShort, width - dateWidth - 4 * MM, measureSmall);
  pdf.save().fillColor(HEADER_COLOR);
  for (const [text, x] of [
    [name, 0],
    [doc.dateLine, width - dateWidth],
  ] as const) {
    const fragments = orderSmall(text, x, doc.direction, width, measure);
    for (const f of fragments) drawFragment(pdf, f, TYPE.small, layout.textLeft, baseline);
  }
  pdf.restore();
}

// "Page n of m" at the foot of each page; a one-page letter needs none.
function drawFooter(pdf: Pdf, label: string, n: number, count: number, layout: PaperLayout, measure: Measure): void {
  if (count < 2) return;
  const text = label.replaceAll('{n}', String(n)).replaceAll('{m}', String(count));
  const fragments = orderSmall(text, 0, 'ltr', layout.textWidth, measure);
  const { left, right } = extentOf(fragments, TYPE.small, measure);
  const centred = layout.textLeft + (layout.textWidth - (right - left)) / 2 - left;
  pdf.save().fillColor(HEADER_COLOR);
  for (const f of fragments) drawFragment(pdf, f, TYPE.small, centred, layout.footerTop + TYPE.small);
  pdf.restore();
}

// One line of small type at `x` from the start side, in its own direction.
function orderSmall(text: string, x: number, side: Direction, width: number, measure: Measure): Fragment[] {
  return orderLine([{ text, style: 'regular', x }], lineDirection(text), width, TYPE.small, measure, side);
}
