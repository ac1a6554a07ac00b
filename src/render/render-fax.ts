// A letter to be sent by fax: page 1 opens with a fax cover header (to, fax number, from,
// number of pages, date) where a posted letter has its window addresses; no fold marks, since a
// fax goes into no envelope. Pure: fonts come in parsed, bytes go out.
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { Pdf } from './pdf-document.js';
import { MM, type PaperLayout } from './pdf-layout.js';
import {
  drawFlowLine,
  labelledRows,
  lineDirection,
  orderLine,
  wrapRuns,
  type FlowLine,
  type LabelledRow,
  type Measure,
} from './pdf-text.js';
import { MARK_COLOR, renderLetterDocument, TYPE, type FirstPageHead, type RenderPdfOptions } from './render-pdf.js';
import type { FaxHeader } from './fax-header.js';

/** Type sizes of the fax header, in points. */
const FAX_TYPE = {
  heading: 18,
  headingHeight: 26,
  rowGap: 6,
  /** From the rule under the header to the date line. */
  afterRule: 10 * MM,
} as const;

// Renders one letter as a fax, PDF bytes to hand to a fax service or print and feed; identical
// inputs give identical bytes.
export async function renderFax(doc: LetterDocument, fax: FaxHeader, options: RenderPdfOptions): Promise<Uint8Array> {
  if (fax.pages !== undefined && !(Number.isInteger(fax.pages) && fax.pages >= 1)) {
    throw new UaError('render/fax-pages', `the number of fax pages must be a whole number from 1 up, not ${fax.pages}`);
  }
  return renderLetterDocument(doc, options, (layout, measure) => faxHead(doc, fax, layout, measure));
}

// The fax cover header: a heading, then To, Fax, From, (Fax,) Pages and Date in two columns,
// and a rule; the letter starts below it, higher up than under a window.
function faxHead(doc: LetterDocument, fax: FaxHeader, layout: PaperLayout, measure: Measure): FirstPageHead {
  const { labels } = fax;
  const from = fax.from ?? doc.senderLines?.join(', ') ?? '';
  // The page count is only known once the letter is laid out: a placeholder of the same
  // width holds its place (page counts have at most a few digits).
  const rows = (pages: string): LabelledRow[] => [
    { label: labels.to, value: fax.to },
    { label: labels.fax, value: fax.number },
    { label: labels.from, value: from },
    ...(fax.fromFax === undefined ? [] : [{ label: labels.fax, value: fax.fromFax }]),
    { label: labels.pages, value: pages },
    { label: labels.date, value: doc.dateLine },
  ];
  const side = doc.direction;
  const table = (pages: string): ReturnType<typeof labelledRows> =>
    labelledRows(rows(pages), layout.textWidth, TYPE.body, measure, side);
  const heading = wrapRuns([{ text: labels.fax, bold: true }], layout.textWidth, FAX_TYPE.heading, measure).map(
    (fragments) => orderLine(fragments, lineDirection(labels.fax), layout.textWidth, FAX_TYPE.heading, measure, side),
  );
  const top = layout.laterPageTextTop;
  const rowsTop = top + heading.length * FAX_TYPE.headingHeight + FAX_TYPE.rowGap;
  const rowLines = table('000').lines;
  const ruleY = rowsTop + rowLines.flat().length * TYPE.leading + FAX_TYPE.rowGap;
  const line = (fragments: FlowLine['fragments'], size: number, height: number): FlowLine => ({
    fragments,
    size,
    height,
    spaceBefore: 0,
    keepWithNext: false,
  });

  return {
    textTop: ruleY + FAX_TYPE.afterRule,
    draw: (pdf: Pdf, pageCount: number) => {
      const pages = fax.pages ?? pageCount;
      if (pages < pageCount) {
        throw new UaError('render/fax-pages', `the fax has ${pageCount} pages, more than the ${pages} given`);
      }
      heading.forEach((fragments, i) =>
        drawFlowLine(pdf, line(fragments, FAX_TYPE.heading, FAX_TYPE.headingHeight), layout.textLeft, top + i * FAX_TYPE.headingHeight),
      );
      const { lines, valueLeft } = table(String(pages));
      let y = rowsTop;
      lines.forEach((row, i) => {
        for (const fragments of row) {
          drawFlowLine(pdf, line(fragments, TYPE.body, TYPE.leading), layout.textLeft, y);
          y += TYPE.leading;
        }
        // No sender given: a line to write it on (From is the third row).
        if (i === 2 && from === '') {
          const baseline = y - TYPE.leading * 0.3;
          const [from, to] = side === 'rtl' ? [0, layout.textWidth - valueLeft] : [valueLeft, layout.textWidth];
          drawRule(pdf, layout.textLeft + from, layout.textLeft + to, baseline, 0.4, MARK_COLOR);
        }
      });
      drawRule(pdf, layout.textLeft, layout.textLeft + layout.textWidth, ruleY, 0.8, 'black');
    },
  };
}

function drawRule(pdf: Pdf, from: number, to: number, y: number, width: number, color: string): void {
  pdf.save().lineWidth(width).strokeColor(color).moveTo(from, y).lineTo(to, y).stroke().restore();
}
