import type { Paper } from '../compose/paper-size.js';
import type { FontPaths } from '../render/fonts.js';
import type { EmbassyDirectory, Sender } from '../schema/sender-schema.js';

export type LetterFormat = 'pdf' | 'txt';

/** Everything `generate` needs; the CLI builds it from flags, library users directly. */
export interface GenerateOptions {
  readonly outDir: string;
  readonly formats: readonly LetterFormat[];
  /** Languages to write in; `all`, or empty for each action's first language. */
  readonly languages: readonly string[] | 'all';
  /** Paper size; by default from the sender's country (Letter in North America), else A4. */
  readonly paper?: Paper;
  /** Letter date, YYYY-MM-DD. */
  readonly date: string;
  /** The real date today, YYYY-MM-DD, for deadline checks. */
  readonly today: string;
  readonly sender: Sender | null;
  /** Folder whose templates replace built-in ones by name. */
  readonly templatesDir?: string;
  readonly fonts?: FontPaths;
  readonly includeCopies: boolean;
  readonly embassies?: EmbassyDirectory;
  readonly allowExpired: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
}
