import type { LoadedAction } from '../load/load-action.js';
import type { Signer } from '../load/load-signers.js';
import type { Recipient } from '../schema/action-schema.js';
import type { Sender } from '../schema/sender-schema.js';

/** Who a letter goes to, and why. */
export type LetterKind = 'recipient' | 'copy' | 'diplomatic';

/** One letter to produce: an action, a language, a recipient and a signer. */
export interface PlannedLetter {
  readonly source: LoadedAction;
  readonly language: string;
  readonly kind: LetterKind;
  readonly recipient: Recipient;
  /** Field path of the recipient in the action file, e.g. ['copies', 0]; empty for an embassy. */
  readonly recipientPath: readonly (string | number)[];
  /** Who signs: a signers-CSV row, the --sender, or nobody (a blank signature block). */
  readonly sender: Sender | null;
  /** The signers-CSV row, when the letter is one signer's. */
  readonly signer?: Signer;
  /** Output path relative to the output folder, without extension: `<action>/<lang>/<NN>-<recipient>[/signer-<row>]`. */
  readonly basePath: string;
}

/** Letters of a plan that go to one recipient in one language: one per signer, or just one. */
export interface LetterSpan {
  /** Index of its first letter in the plan, and one past its last. */
  readonly start: number;
  readonly end: number;
  /** Its first letter: the recipient, language and kind of them all. */
  readonly first: PlannedLetter;
}

/**
 * The letters of a plan, in order: by language, recipient, then signer. Made when asked for, so a
 * batch never holds them all; each `at()` may return a new object, so compare letters by their
 * `basePath`.
 */
export interface LetterList extends Iterable<PlannedLetter> {
  readonly length: number;
  at(index: number): PlannedLetter | undefined;
  /** The plan's spans, in order; together they cover every letter once. */
  readonly spans: readonly LetterSpan[];
}
