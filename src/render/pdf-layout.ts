// Page geometry of a letter per paper size, in PDF points (1/72 in) from the top-left corner.
// Everything that must line up with an envelope window or a fold lives here, with its reason.

/** Points per millimetre and per inch. */
export const MM = 72 / 25.4;
export const INCH = 72;

/** A rectangle on the page; `y` grows downwards from the top edge. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where each part of a letter goes on one paper size. */
export interface PaperLayout {
  /** pdfkit's name for the page size. */
  readonly pdfkitSize: 'A4' | 'LETTER';
  readonly width: number;
  readonly height: number;
  /** The part of the envelope window that shows the sheet, however it sits in the envelope. */
  readonly window: Box;
  /** Inside the window: the one-line return address, then the recipient's address. */
  readonly returnZone: Box;
  readonly recipientZone: Box;
  /** The sender's address (or lines to write it on), right of the window. */
  readonly senderZone: Box;
  /** Left edge and width of the running text. */
  readonly textLeft: number;
  readonly textWidth: number;
  /** Top of the date line on page 1, just below the window. */
  readonly firstPageTextTop: number;
  /** Top of the running text on later pages, below their header. */
  readonly laterPageTextTop: number;
  /** No running text below this line. */
  readonly textBottom: number;
  /** Top of the header line of later pages and of the page-number footer. */
  readonly headerTop: number;
  readonly footerTop: number;
  /** Fold marks and the hole-punch mark (page centre), as distances from the top edge. */
  readonly foldMarks: readonly number[];
  readonly punchMark: number | null;
  /** Marks are short strokes in the left margin, starting this far from the edge. */
  readonly markLeft: number;
}

// DIN 5008 form B. The address field is 85 x 45 mm at 20 mm from the left, 45 mm from the top:
// folded at 105 mm and slid to the bottom of a DL envelope (110 mm high, DIN 680 window 90 x 45 mm,
// 20 mm from the left and 15 mm from the bottom), the window shows exactly 45-90 mm of the sheet;
// C5 and C6/5 windows sit at the same place. The sheet (210 mm) can slide 10 mm sideways in a DL
// envelope (220 mm), so address text stays between 25 mm (the text's left edge, as DIN asks)
// and 100 mm. The top 5 mm of the field hold the return address, the rest the recipient.
const A4: PaperLayout = {
  pdfkitSize: 'A4',
  width: 210 * MM,
  height: 297 * MM,
  window: { x: 20 * MM, y: 45 * MM, width: 85 * MM, height: 45 * MM },
  returnZone: { x: 25 * MM, y: 45 * MM, width: 75 * MM, height: 5 * MM },
  recipientZone: { x: 25 * MM, y: 51 * MM, width: 75 * MM, height: 38 * MM },
  // DIN 5008 form B puts the information block 125 mm from the left, level with the address.
  senderZone: { x: 125 * MM, y: 51 * MM, width: 65 * MM, height: 38 * MM },
  textLeft: 25 * MM,
  textWidth: 165 * MM,
  firstPageTextTop: 97 * MM,
  laterPageTextTop: 25 * MM,
  textBottom: 272 * MM,
  headerTop: 12 * MM,
  footerTop: 282 * MM,
  foldMarks: [105 * MM, 210 * MM],
  punchMark: 148.5 * MM,
  markLeft: 4 * MM,
};

// US Letter in a #10 window envelope (9.5 x 4.125 in; window 4.5 x 1.125 in, 7/8 in from the left
// and 1/2 in from the bottom). Tri-folded, the top panel is 11/3 = 3.667 in high, so it can slide
// 0.458 in up and down. Resting on the bottom edge (where sorting machines jog it) the window
// shows the sheet from 4.125 - 1.625 - 0.458 = 2.042 in to 3.167 in from the top; if the sheet
// rides up, the top lines hide first and the city and country lines, which matter most, stay.
// The sheet (8.5 in) can also slide 1 in sideways in the 9.5 in envelope, which leaves
// 0.875-4.375 in always visible. Address text starts at 1 in, in line with the running text.
const LETTER: PaperLayout = {
  pdfkitSize: 'LETTER',
  width: 8.5 * INCH,
  height: 11 * INCH,
  window: { x: 0.875 * INCH, y: 2.042 * INCH, width: 3.5 * INCH, height: 1.125 * INCH },
  returnZone: { x: 1 * INCH, y: 2.0625 * INCH, width: 3.3125 * INCH, height: 0.1875 * INCH },
  recipientZone: { x: 1 * INCH, y: 2.25 * INCH, width: 3.3125 * INCH, height: 0.875 * INCH },
  // Above the window's height: flush left in the envelope the window reaches 5.375 in across,
  // and a sender block beside the address would show through it.
  senderZone: { x: 5 * INCH, y: 0.75 * INCH, width: 2.5 * INCH, height: 1.125 * INCH },
  textLeft: 1 * INCH,
  textWidth: 6.5 * INCH,
  // A sheet riding up shows down to 3.625 in through the window: the text starts at the fold.
  firstPageTextTop: (11 / 3) * INCH,
  laterPageTextTop: 1 * INCH,
  textBottom: 10.125 * INCH,
  headerTop: 0.5 * INCH,
  footerTop: 10.4 * INCH,
  foldMarks: [(11 / 3) * INCH, (22 / 3) * INCH],
  punchMark: null,
  markLeft: 0.15 * INCH,
};

const LAYOUTS = { a4: A4, letter: LETTER } as const;

export type Paper = keyof typeof LAYOUTS;

// Returns the page geometry for a paper size.
export function paperLayout(paper: Paper): PaperLayout {
  return LAYOUTS[paper];
}
