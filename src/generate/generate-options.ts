import type { Paper } from '../compose/paper-size.js';
import type { SignerList } from '../load/signer-list.js';
import type { FontPaths } from '../render/fonts.js';
import type { EmbassyDirectory, Sender } from '../schema/sender-schema.js';

/** A format of one file per letter. */
export type LetterFormat = 'pdf' | 'txt' | 'eml' | 'fax';

/** Every per-letter format, in the order they are listed in help. */
export const LETTER_FORMATS: readonly LetterFormat[] = ['pdf', 'txt', 'eml', 'fax'];

/** How far a run has got, for progress bars. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** Everything `generate` needs; the CLI builds it from flags, library users directly. */
export interface GenerateOptions {
  readonly outDir: string;
  readonly formats: readonly LetterFormat[];
  /** Also write each action's suggested social-media posts (<action>/posts.txt). */
  readonly posts?: boolean;
  /** Languages to write in; `all`, or empty for each action's first language. */
  readonly languages: readonly string[] | 'all';
  /** Paper size; by default from the sender's country (Letter in North America), else A4. */
  readonly paper?: Paper;
  /** Letter date, YYYY-MM-DD. */
  readonly date: string;
  /** The real date today, YYYY-MM-DD, for deadline checks. */
  readonly today: string;
  readonly sender: Sender | null;
  /** One letter per signer per recipient. */
  readonly signers?: SignerList;
  /** The signers file, for messages about its rows. */
  readonly signersFile?: string;
  /** The section office's address, for signers who do not want their own in the letter. */
  readonly returnAddress?: Sender;
  /** Folder whose templates replace built-in ones by name. */
  readonly templatesDir?: string;
  readonly fonts?: FontPaths;
  readonly includeCopies: boolean;
  readonly embassies?: EmbassyDirectory;
  readonly allowExpired: boolean;
  /** Skip expired actions (with a warning) instead of failing on them. */
  readonly skipExpired?: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Finish an interrupted run: keep the files its journal verifies, write the rest. */
  readonly resume?: boolean;
  /** Also write one print-ready PDF of all letters, grouped by recipient, at this path. */
  readonly combine?: string;
  /** In the combined PDF, start every letter on a front side. */
  readonly duplex?: boolean;
  /** Also write envelope address labels, one per letter, at this path. */
  readonly labels?: string;
  /** Worker threads for PDF rendering. */
  readonly jobs?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Stops the run between letters (Ctrl-C); finished files stay and --resume completes the run. */
  readonly signal?: AbortSignal;
}
