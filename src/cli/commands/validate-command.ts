import { availableParallelism } from 'node:os';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { FORMATTERS, type FormatName } from '../../report/formatters.js';
import { validateFiles } from '../../validate/validate-files.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { reportStyle } from '../report-style.js';

export interface ValidateOptions {
  readonly format: FormatName;
  readonly strict: boolean;
  readonly today?: string;
  readonly jobs?: number;
}

/** `ua-letter validate`: checks action files and prints every problem found. */
export async function validateCommand(paths: readonly string[], options: ValidateOptions, io: CliIo): Promise<number> {
  const result = await validateFiles(paths.length > 0 ? paths : ['actions'], {
    ...(options.today ? { today: options.today } : {}),
    jobs: options.jobs ?? availableParallelism(),
  });
  const diagnostics: Diagnostic[] = options.strict
    ? result.diagnostics.map((d) => ({ ...d, severity: 'error' as const }))
    : [...result.diagnostics];
  const output = FORMATTERS[options.format](diagnostics, { fileCount: result.files.length, style: reportStyle(io, io.stdoutIsTty) });
  io.stdout(output);
  return hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK;
}
