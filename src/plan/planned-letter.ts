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
