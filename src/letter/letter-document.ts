// The structured content of one letter: what a template produces and what every renderer
// (text, PDF, later email and fax) lays out. Renderers get only this; they never read files.

/** A stretch of text with one style. */
export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** A paragraph: runs of text; `\n` inside a run is a hard line break. */
export interface ParagraphBlock {
  readonly type: 'paragraph';
  readonly runs: readonly TextRun[];
}

/** A bulleted list: each item is a list of runs. */
export interface ListBlock {
  readonly type: 'list';
  readonly items: readonly (readonly TextRun[])[];
}

export type Block = ParagraphBlock | ListBlock;

/** Everything a renderer needs to lay out one letter. */
export interface LetterDocument {
  /** BCP 47 tag of the letter's language (PDF /Lang, hyphenation, quotes). */
  readonly language: string;
  readonly direction: 'ltr' | 'rtl';
  /** PDF document title, e.g. "UA 129/10: letter to Serik Baimaganbetov". */
  readonly title: string;
  /** PDF subject: the action's title in the letter's language. */
  readonly subject: string;
  /** The sender's address block; `null` leaves space for a hand-written name and address. */
  readonly senderLines: readonly string[] | null;
  /** One-line return address printed above the window (DIN 5008 "Rücksendeangabe"); may be empty. */
  readonly returnAddress: string;
  /** Place and localized long date, e.g. "Berlin, 1 October 2010". */
  readonly dateLine: string;
  /** The recipient's postal address block, top to bottom, country last. */
  readonly recipientLines: readonly string[];
  /** Short name of the recipient for the header of later pages. */
  readonly recipientShort: string;
  /** Reference line, e.g. "UA 129/10 (EUR 57/004/2010)"; may be empty. */
  readonly reference: string;
  /** Subject line in bold above the salutation; may be empty. */
  readonly subjectLine: string;
  /** Salutation through complimentary close, as rendered by the template. */
  readonly body: readonly Block[];
  /** Signature: the signer's name under space for a hand signature; `null` for a blank line. */
  readonly signatureName: string | null;
  /** Label and entries of the copies line, e.g. "cc:" and the copies-to recipients. */
  readonly ccLabel: string;
  readonly cc: readonly string[];
  /** Localized "Page {n} of {m}" with `{n}` and `{m}` placeholders. */
  readonly pageLabel: string;
}
