import { availableParallelism } from 'node:os';
import type { LoadedAction } from '../../load/load-action.js';
import { summarizeActions } from '../../list/summarize-actions.js';
import { formatStylish } from '../../report/formatters.js';
import { formatTable } from '../../report/format-table.js';
import { validateFiles } from '../../validate/validate-files.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { reportStyle } from '../report-style.js';

/** `ua-letter list`: a table of actions sorted by urgency, or JSON for scripts. */
export async function listCommand(paths: readonly string[], options: { json: boolean; today: string }, io: CliIo): Promise<number> {
  const result = await validateFiles(paths.length > 0 ? paths : ['actions'], { today: options.today, jobs: availableParallelism() });
  const loaded = result.results.filter((r): r is Extract<typeof r, { ok: true }> => r.ok) as LoadedAction[];
  const rows = summarizeActions(loaded, options.today);
  const invalid = result.results.filter((r) => !r.ok);
  if (invalid.length > 0) {
    io.stderr(formatStylish(invalid.flatMap((r) => r.diagnostics), { fileCount: invalid.length, style: reportStyle(io, io.stderrIsTty) }));
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    const style = reportStyle(io, io.stdoutIsTty);
    const table = formatTable(
      ['UA', 'STATUS', 'DEADLINE', 'DAYS LEFT', 'LANGUAGES', 'RECIPIENTS', 'TITLE'],
      rows.map((r) => [r.number, r.status === 'closed' ? 'closed' : r.expired ? 'expired' : 'open', r.deadline, String(r.daysLeft), r.languages.join(','), String(r.recipients), r.title]),
      (row, column, text) => {
        const r = rows[row];
        if (!r || column > 3) return text;
        if (r.status === 'closed') return style.dim(text);
        return r.expired ? style.error(text) : r.daysLeft <= 7 ? style.warning(text) : text;
      },
    );
    io.stdout(rows.length > 0 ? table : 'no valid action files found\n');
  }
  return invalid.length > 0 ? EXIT_INVALID : EXIT_OK;
}
