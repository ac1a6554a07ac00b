// Addresses on sheets of self-adhesive labels, for envelopes without a window. Pure: fonts come
// in parsed, bytes go out.
import { UaError } from '../diagnostics/ua-error.js';
import type { FontSet } from './fonts.js';
import { addPage, collectBytes, openPdf } from './pdf-document.js';
import { INCH, MM, type Box } from './pdf-layout.js';
import { blockLeading, createMeasure, drawBlock, fitBlock } from './pdf-text.js';

/** The label sheets ua-letter prints on. */
export type LabelSheetName = 'a4-3x7' | 'letter-3x10';

/** How labels sit on a sheet, in points from the top-left corner. */
interface LabelSheet {
  readonly pdfkitSize: 'A4' | 'LETTER';
  readonly columns: number;
  readonly rows: number;
  readonly labelWidth: number;
  readonly labelHeight: number;
  /** Top-left corner of the first label, and the distance from one label to the next. */
  readonly left: number;
  readonly top: number;
  readonly columnPitch: number;
  readonly rowPitch: number;
  /** Blank border inside each label that text keeps clear of. */
  readonly insetX: number;
  readonly insetY: number;
}

const SHEETS: { readonly [S in LabelSheetName]: LabelSheet } = {
  // 21 labels of 70 x 42.3 mm on A4, edge to edge with no gaps (Avery Zweckform 3652 and its
  // clones; not Avery L7160, which has 63.5 x 38.1 mm labels with gaps). The 7 rows take
  // 296.1 mm of the 297, centred. Labels of the outer columns reach the edge of the sheet, where
  // most printers cannot print, so text keeps 6 mm from the sides of every label and 5 mm from
  // the top and bottom.
  'a4-3x7': {
    pdfkitSize: 'A4',
    columns: 3,
    rows: 7,
    labelWidth: 70 * MM,
    labelHeight: 42.3 * MM,
    left: 0,
    top: 0.45 * MM,
    columnPitch: 70 * MM,
    rowPitch: 42.3 * MM,
    insetX: 6 * MM,
    insetY: 5 * MM,
  },
  // 30 labels of 2 5/8 x 1 in on US Letter (Avery 5160 / 8160): 3/16 in side margins, 1/8 in
  // between columns, 1/2 in top margin, rows touching. Text keeps 1/8 in from the sides and
  // 1/16 in from the top and bottom: five lines at 10 pt, six at 8.5 pt.
  'letter-3x10': {
    pdfkitSize: 'LETTER',
    columns: 3,
    rows: 10,
    labelWidth: 2.625 * INCH,
    labelHeight: 1 * INCH,
    left: 0.1875 * INCH,
    top: 0.5 * INCH,
    columnPitch: 2.75 * INCH,
    rowPitch: 1 * INCH,
    insetX: 0.125 * INCH,
    insetY: 0.0625 * INCH,
  },
};

/** Type sizes on labels, in points: as large as fits, never below the smallest. */
const LABEL_TYPE = { largest: 10, smallest: 6 } as const;

/** How to render labels: the sheet, parsed fonts and the pinned date. */
export interface RenderLabelsOptions {
  readonly sheet: LabelSheetName;
  readonly fonts: FontSet;
  /** Creation and modification date written into the PDF; pinned for reproducible output. */
  readonly date: Date;
}

// Renders one address per label, row by row, as many sheets as needed. Each address is set as
// large as fits its label (up to 10 pt, down to 6 pt, wrapping long lines if it must) and
// centred in it vertically; an empty address leaves its label blank (to skip labels already
// used). An address that does not fit at 6 pt is refused rather than cut off.
export async function renderLabels(
  addresses: readonly (readonly string[])[],
  options: RenderLabelsOptions,
): Promise<Uint8Array> {
  if (addresses.length === 0) throw new UaError('render/no-labels', 'there are no addresses to print on labels');
  const sheet = SHEETS[options.sheet];
  const measure = createMeasure(options.fonts);
  const text = { width: sheet.labelWidth - 2 * sheet.insetX, height: sheet.labelHeight - 2 * sheet.insetY };
  // Fitted before anything is drawn, so that a refused address fails the whole sheet at once.
  const blocks = addresses.map((lines, i) => {
    const kept = lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
    if (kept.length === 0) return null;
    const block = fitBlock(kept, { x: 0, y: 0, ...text }, LABEL_TYPE.largest, LABEL_TYPE.smallest, measure);
    if (block !== null) return block;
    throw new UaError(
      'render/label-address-too-long',
      `address ${i + 1} (${kept.length} lines, beginning "${kept[0]}") does not fit a label even at ${LABEL_TYPE.smallest} pt`,
    );
  });

  const pdf = openPdf({
    size: sheet.pdfkitSize,
    fonts: options.fonts,
    date: options.date,
    title: 'Address labels',
  });
  const bytes = collectBytes(pdf);
  const perSheet = sheet.columns * sheet.rows;
  blocks.forEach((block, i) => {
    if (i % perSheet === 0) addPage(pdf);
    if (block === null) return;
    const cell = i % perSheet;
    const column = cell % sheet.columns;
    const row = Math.floor(cell / sheet.columns);
    const height = block.lines.length * blockLeading(block.size);
    const box: Box = {
      x: sheet.left + column * sheet.columnPitch + sheet.insetX,
      y: sheet.top + row * sheet.rowPitch + sheet.insetY + (text.height - height) / 2,
      ...text,
    };
    drawBlock(pdf, block, box);
  });
  pdf.end();
  return bytes;
}
