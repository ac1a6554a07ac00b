import type { Recipient } from '../schema/action-schema.js';
import type { LoadedAction } from '../load/load-action.js';

/** Who a letter goes to, and why. */
export type LetterKind = 'recipient' | 'copy' | 'diplomatic';

/** One letter to produce: an action, a language and a recipient (and later a signer). */
export interface PlannedLetter {
  readonly source: LoadedAction;
  readonly language: string;
  readonly kind: LetterKind;
  readonly recipient: Recipient;
  /** Field path of the recipient in the action file, e.g. ['copies', 0]; empty for an embassy. */
  readonly recipientPath: readonly (string | number)[];
  /** Output path relative to the output folder, without extension: `<action>/<lang>/<NN>-<recipient>`. */
  readonly basePath: string;
}
