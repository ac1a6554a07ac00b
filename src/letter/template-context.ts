import type { Gender } from '../schema/action-schema.js';

// What a letter template sees. Every string is already resolved to the letter's language, so a
// template never has to pick a translation itself.

export interface TemplateRecipient {
  readonly title?: string;
  readonly name?: string;
  readonly organisation?: string;
  /** The salutation written in the action file for this language, e.g. "Dear Minister". */
  readonly salutation: string;
  readonly gender?: Gender;
}

export interface TemplatePerson {
  readonly name?: string;
  readonly group?: string;
  readonly organisation?: string;
  readonly gender?: Gender;
}

export interface TemplateLetterContent {
  readonly subject?: string;
  /** Paragraphs separated by blank lines. */
  readonly opening?: string;
  /** A ready model letter: paragraphs separated by blank lines. */
  readonly body?: string;
  readonly demands_intro?: string;
  readonly demands: readonly string[];
  readonly closing?: string;
}

export interface TemplateContext {
  /** BCP 47 tag of the letter's language. */
  readonly language: string;
  /** `recipient` for the authorities written to, `copy` for copies-to, `diplomatic` for embassies. */
  readonly kind: 'recipient' | 'copy' | 'diplomatic';
  readonly action: {
    readonly number: string;
    readonly index?: string;
    readonly title: string;
    readonly country: string;
    /** YYYY-MM-DD */
    readonly deadline: string;
    /** YYYY-MM-DD */
    readonly issued: string;
    readonly update: number;
  };
  readonly recipient: TemplateRecipient;
  /** For copies: the authorities the main letter went to, e.g. to say "I have written to ...". */
  readonly primaryRecipients: readonly TemplateRecipient[];
  readonly people: readonly TemplatePerson[];
  readonly letter: TemplateLetterContent;
  /** The signer, when known (never logged). */
  readonly sender: { readonly name?: string; readonly city?: string } | null;
  /** Letter date, YYYY-MM-DD. */
  readonly date: string;
}
