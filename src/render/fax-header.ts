// What a fax cover header says, as plain data: the letter outputs fill it in for every fax, and
// only the fax renderer (which loads pdfkit) draws it, so this lives apart from the renderer.

/** The words of the fax cover header, in the letter's language. */
export interface FaxLabels {
  readonly to: string;
  readonly from: string;
  /** Heads the sheet and labels both fax numbers. */
  readonly fax: string;
  readonly pages: string;
  readonly date: string;
}

export const DEFAULT_FAX_LABELS: FaxLabels = { to: 'To', from: 'From', fax: 'Fax', pages: 'Pages', date: 'Date' };

/** Who a fax goes to and comes from. */
export interface FaxHeader {
  /** The recipient as the fax header names them, e.g. "Serik Baimaganbetov, Minister of Internal Affairs". */
  readonly to: string;
  /** The recipient's fax number, as it should be printed. */
  readonly number: string;
  /** The sender; by default the sender's address on one line, or a blank line to write on. */
  readonly from?: string;
  readonly fromFax?: string;
  /** Pages sent, this one included, if more than the letter's own (e.g. with enclosures). */
  readonly pages?: number;
  readonly labels: FaxLabels;
}
