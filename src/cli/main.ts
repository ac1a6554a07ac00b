import { Command, CommanderError, Option } from 'commander';
import { UaError } from '../diagnostics/ua-error.js';
import { FORMATTERS, formatStylish, type FormatName } from '../report/formatters.js';
import { processIo, type CliIo } from './cli-io.js';
import type { GenerateFlags } from './commands/generate-command.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { VERSION } from './version.js';

/** Runs the CLI with the given arguments and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // In a folder deleted under the shell, relative paths cannot be resolved (and Node's recursive
  // mkdir would retry forever): say so before doing anything.
  try {
    process.cwd();
  } catch {
    io.stderr('error: the current folder no longer exists; change to an existing folder and run again\n');
    return EXIT_FAILURE;
  }
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return await reportFailure(error, io);
  }
}

// Each command's modules (zod, Handlebars, pdfkit, ...) load only when that command runs, so
// `--help` and usage errors answer at once.
function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('ua-letter')
    .description('Turn urgent actions into appeal letters (PDF and plain text).')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('validate')
    .description('check action files (default: the actions/ folder); folders are searched for *.yaml and *.yml')
    .argument('[paths...]', 'action files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('--strict', 'treat warnings as errors', false)
    .option('--today <date>', 'check deadlines against this date (YYYY-MM-DD) instead of today')
    .option('-j, --jobs <n>', 'worker threads for checking many files (default: number of cores)', parsePositiveInt)
    .action(async (paths: string[], options: { format: FormatName; strict: boolean; today?: string; jobs?: number }) => {
      if (options.today !== undefined) requireIsoDate('--today', options.today);
      const { validateCommand } = await import('./commands/validate-command.js');
      setExit(await validateCommand(paths, options, io));
    });

  program
    .command('generate')
    .description('write one letter per recipient (and language) of each action, as PDF and/or text')
    .argument('<paths...>', 'action files or folders')
    .option('-o, --out <dir>', 'output folder', 'letters')
    .option('-f, --format <formats>', 'comma-separated formats: pdf, txt, eml (email drafts), fax (PDF with a fax cover header), posts (default: pdf, or none with --combine/--labels)')
    .option('-l, --lang <languages>', 'comma-separated languages, or "all" (default: the action\'s first language)')
    .addOption(new Option('--paper <size>', 'paper size (default: Letter for senders in North America, else A4)').choices(['a4', 'letter']))
    .option('--date <date>', 'letter date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)')
    .option('--sender <file>', 'YAML file with the sender: name, address, postcode, city, country, email')
    .option('--sender-name <name>', 'the sender\'s name (overrides --sender)')
    .option('--sender-address <line>', 'a line of the sender\'s address (repeat for more lines)', collect)
    .option('--templates <dir>', 'folder of templates that replace built-in ones by name (<dir>/<lang>/letter.hbs, ...)')
    .option('--font <file>', 'TTF/OTF font to set letters in (for scripts DejaVu Serif lacks)')
    .option('--signers <file.csv>', 'one letter per signer: CSV with name, address, postcode, city, country, email[, use_return_address]')
    .option('--return-address <file>', 'YAML with the section office\'s address, used for signers who ask for it')
    .option('--combine <file.pdf>', 'also write one print-ready PDF of all letters, grouped by recipient, with cover sheets')
    .option('--duplex', 'in the combined PDF, start every letter on a front side', false)
    .option('--labels <file.pdf>', 'also write envelope address labels (A4 3x7 or Letter 3x10), one per letter')
    .option('--include-copies', 'also write to the "copies to" recipients', false)
    .option('--embassies <file>', 'YAML of local diplomatic representatives keyed by country')
    .option('--allow-expired', 'write letters even when the deadline has passed', false)
    .option('--skip-expired', 'skip actions whose deadline has passed instead of failing', false)
    .option('-j, --jobs <n>', 'worker threads for PDF rendering (default: number of cores)', parsePositiveInt)
    .option('--resume', 'finish an interrupted run: keep verified files, write the rest', false)
    .option('--force', 'replace letters that already exist', false)
    .option('--dry-run', 'list the letters that would be written, and write nothing', false)
    .option('-q, --quiet', 'print only problems', false)
    .action(async (paths: string[], flags: GenerateFlags) => {
      if (flags.date !== undefined) requireIsoDate('--date', flags.date);
      const { generateCommand } = await import('./commands/generate-command.js');
      setExit(await generateCommand(paths, flags, io));
    });

  program
    .command('list')
    .description('list actions by urgency: UA number, status, deadline, days left, languages, recipients')
    .argument('[paths...]', 'action files or folders (default: actions/)')
    .option('--json', 'print JSON for scripts', false)
    .option('--today <date>', 'count days from this date (YYYY-MM-DD) instead of today')
    .action(async (paths: string[], options: { json: boolean; today?: string }) => {
      if (options.today !== undefined) requireIsoDate('--today', options.today);
      const { listCommand } = await import('./commands/list-command.js');
      setExit(await listCommand(paths, { json: options.json, today: options.today ?? new Date().toISOString().slice(0, 10) }, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of the action format')
    .action(async () => {
      const { schemaCommand } = await import('./commands/schema-command.js');
      setExit(schemaCommand(io));
    });

  return program;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UaError('usage/bad-number', `expected a whole number from 1 to 256, got "${value}"`, { exitCode: 2 });
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Checks a YYYY-MM-DD option value, as a usage error. */
export function requireIsoDate(option: string, value: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UaError('usage/bad-date', `${option} expects a date written YYYY-MM-DD, got "${value}"`, { exitCode: 2 });
  }
}

async function reportFailure(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommanderError) {
    // Help and version are not failures; every other commander error is a usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    return EXIT_FAILURE;
  }
  // Loaded here (chalk), not at startup: `--help` does not need it.
  const { reportStyle } = await import('./report-style.js');
  const style = reportStyle(io, io.stderrIsTty);
  if (error instanceof UaError) {
    if (error.diagnostics.length > 0) io.stderr(formatStylish(error.diagnostics, { fileCount: new Set(error.diagnostics.map((d) => d.file)).size, style }));
    else io.stderr(`${style.error('error')}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${style.error('internal error')}: ${message}\nThis is a bug in ua-letter; please report it with the command you ran.\n`);
  if (io.env['UA_LETTER_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
