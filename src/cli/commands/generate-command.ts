import { hasErrors, sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { UaError } from '../../diagnostics/ua-error.js';
import { defaultLetterDate } from '../../compose/letter-date.js';
import type { Paper } from '../../compose/paper-size.js';
import { generateLetters } from '../../generate/generate-letters.js';
import { keepHeapsSmallForLargeBatches } from '../heap-settings.js';
import { LETTER_FORMATS, type LetterFormat } from '../../generate/generate-options.js';
import { loadYamlFile } from '../../load/load-yaml-file.js';
import { formatStylish } from '../../report/formatters.js';
import { EmbassyDirectorySchema, SenderSchema, type EmbassyDirectory, type Sender } from '../../schema/sender-schema.js';
import { availableParallelism } from 'node:os';
import type { Progress } from '../../generate/generate-options.js';
import { loadSigners } from '../../load/load-signers.js';
import type { SignerList } from '../../load/signer-list.js';
import type { CliIo } from '../cli-io.js';
import { createProgressBar } from '../progress-bar.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { reportStyle } from '../report-style.js';

/** The generate flags as commander parses them. */
export interface GenerateFlags {
  readonly out: string;
  readonly format?: string;
  readonly lang?: string;
  readonly paper?: Paper;
  readonly date?: string;
  readonly sender?: string;
  readonly senderName?: string;
  readonly senderAddress?: string[];
  readonly templates?: string;
  readonly font?: string;
  readonly includeCopies: boolean;
  readonly embassies?: string;
  readonly allowExpired: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly quiet: boolean;
  readonly signers?: string;
  readonly returnAddress?: string;
  readonly combine?: string;
  readonly duplex: boolean;
  readonly labels?: string;
  readonly skipExpired: boolean;
  readonly jobs?: number;
  readonly resume: boolean;
}

const FORMATS: readonly string[] = [...LETTER_FORMATS, 'posts'];

/** `ua-letter generate`: writes the letters of the given actions and reports what it did. */
export async function generateCommand(paths: readonly string[], flags: GenerateFlags, io: CliIo, now: Date = new Date()): Promise<number> {
  keepHeapsSmallForLargeBatches();
  const formats = flags.format !== undefined ? parseList(flags.format, '--format') : flags.combine || flags.labels ? [] : ['pdf'];
  const unknownFormat = formats.find((f) => !FORMATS.includes(f as LetterFormat));
  if (unknownFormat !== undefined) throw new UaError('usage/bad-format', `--format: unknown format "${unknownFormat}"; expected ${FORMATS.join(', ')}`, { exitCode: 2 });

  const style = reportStyle(io, io.stderrIsTty);
  const inputDiagnostics: Diagnostic[] = [];
  let sender: Sender | null = null;
  if (flags.sender !== undefined) {
    const loaded = await loadYamlFile(flags.sender, SenderSchema);
    if (loaded.ok) sender = loaded.value;
    else inputDiagnostics.push(...loaded.diagnostics);
  }
  if (flags.senderName !== undefined || flags.senderAddress !== undefined) {
    const address = (flags.senderAddress ?? []).flatMap((line) => line.split('\n')).map((line) => line.trim()).filter(Boolean);
    sender = { ...(sender ?? {}), ...(flags.senderName?.trim() ? { name: flags.senderName.trim() } : {}), ...(address.length > 0 ? { address } : {}) };
  }
  let embassies: EmbassyDirectory | undefined;
  if (flags.embassies !== undefined) {
    const loaded = await loadYamlFile(flags.embassies, EmbassyDirectorySchema);
    if (loaded.ok) embassies = loaded.value;
    else inputDiagnostics.push(...loaded.diagnostics);
  }
  let returnAddress: Sender | undefined;
  if (flags.returnAddress !== undefined) {
    const loaded = await loadYamlFile(flags.returnAddress, SenderSchema);
    if (loaded.ok) returnAddress = loaded.value;
    else inputDiagnostics.push(...loaded.diagnostics);
  }
  let signers: SignerList | undefined;
  if (flags.signers !== undefined) {
    const loaded = await loadSigners(flags.signers);
    if (loaded.ok) {
      signers = loaded.signers;
      if (!returnAddress && someAskForReturnAddress(signers)) {
        inputDiagnostics.push({ code: 'csv/no-return-address', severity: 'error', message: 'some signers ask for the return address: pass --return-address FILE', file: flags.signers, line: 1, column: 1, path: '' });
      }
    }
    inputDiagnostics.push(...loaded.diagnostics);
  }
  if (hasErrors(inputDiagnostics)) {
    io.stderr(formatStylish(inputDiagnostics, { fileCount: 1, style }));
    return EXIT_INVALID;
  }
  if (inputDiagnostics.length > 0) io.stderr(formatStylish(inputDiagnostics, { fileCount: 1, style }));

  const bar = io.stderrIsTty && !flags.quiet && !flags.dryRun ? createProgressBar(io.stderr) : undefined;
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const today = now.toISOString().slice(0, 10);
  const result = await generateLetters(paths, {
    ...(signers ? { signers, signersFile: flags.signers ?? '' } : {}),
    ...(returnAddress ? { returnAddress } : {}),
    ...(flags.combine ? { combine: flags.combine } : {}),
    duplex: flags.duplex,
    ...(flags.labels ? { labels: flags.labels } : {}),
    skipExpired: flags.skipExpired,
    jobs: flags.jobs ?? availableParallelism(),
    resume: flags.resume,
    signal: interrupt.signal,
    ...(bar ? { onProgress: (p: Progress) => bar.update(p) } : {}),
    outDir: flags.out,
    formats: formats.filter((f): f is LetterFormat => f !== 'posts'),
    posts: formats.includes('posts'),
    languages: flags.lang === undefined ? [] : flags.lang.trim() === 'all' ? 'all' : parseList(flags.lang, '--lang'),
    ...(flags.paper ? { paper: flags.paper } : {}),
    date: flags.date ?? defaultLetterDate(now, io.env['SOURCE_DATE_EPOCH']),
    today,
    sender,
    ...(flags.templates ? { templatesDir: flags.templates } : {}),
    ...(flags.font ? { fonts: { regular: flags.font } } : {}),
    includeCopies: flags.includeCopies,
    ...(embassies ? { embassies } : {}),
    allowExpired: flags.allowExpired,
    force: flags.force,
    dryRun: flags.dryRun,
  }).finally(() => {
    bar?.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });

  const diagnostics = sortDiagnostics(result.outcomes.flatMap((o) => o.diagnostics));
  if (diagnostics.length > 0) io.stderr(formatStylish(diagnostics, { fileCount: result.outcomes.length, style }));
  if (result.resumed > 0 && !flags.quiet) io.stdout(`kept ${result.resumed} file${result.resumed === 1 ? '' : 's'} an interrupted run had finished (verified by hash)\n`);
  let written = 0;
  for (const outcome of result.outcomes) {
    if (outcome.files.length === 0) continue;
    written += outcome.files.length;
    if (flags.dryRun) {
      io.stdout(`${outcome.file}: would write ${outcome.files.length} letter${outcome.files.length === 1 ? '' : 's'}:\n`);
      for (const file of outcome.files) io.stdout(`  ${flags.out}/${file}\n`);
    } else if (!flags.quiet) {
      io.stdout(`${outcome.file}: wrote ${outcome.files.length} file${outcome.files.length === 1 ? '' : 's'} to ${flags.out}/${outcome.slug}/\n`);
    }
  }
  for (const print of result.printFiles) {
    if (flags.quiet) continue;
    const what = print.kind === 'combined' ? `print file with ${print.letters} letter${print.letters === 1 ? '' : 's'} on ${print.pages} pages` : `${print.letters} envelope labels`;
    io.stdout(`wrote ${what}: ${print.path}\n`);
  }
  const failed = result.outcomes.filter((o) => o.status !== 'written' && o.status !== 'skipped').length;
  if (!flags.quiet && result.outcomes.length > 1 && written > 0) {
    io.stdout(`${written} file${written === 1 ? '' : 's'} ${flags.dryRun ? 'planned' : 'written'}; ${failed} of ${result.outcomes.length} actions had problems\n`);
  }
  return failed > 0 || result.outcomes.length === 0 || hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK;
}

function parseList(value: string, option: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UaError('usage/empty-list', `${option} needs at least one value`, { exitCode: 2 });
  return [...new Set(items)];
}

function someAskForReturnAddress(signers: SignerList): boolean {
  for (const signer of signers) if (signer.useReturnAddress) return true;
  return false;
}
