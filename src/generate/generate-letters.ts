import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { UaError } from '../diagnostics/ua-error.js';
import { recipientCcLine } from '../compose/address-lines.js';
import { composeLetter } from '../compose/compose-letter.js';
import { paperForCountry, type Paper } from '../compose/paper-size.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { LetterList, PlannedLetter } from '../plan/planned-letter.js';
import { checkFontFiles } from '../render/check-font-files.js';
import { renderPosts, type PostDraft } from '../render/render-posts.js';
import { loadTemplates } from '../template/load-templates.js';
import type { LetterStrings } from '../template/letter-strings.js';
import type { TemplateSet } from '../template/template-set.js';
import type { Sender } from '../schema/sender-schema.js';
import { findExisting, resolveInside, writeFileAtomic, writeTextAtomic } from '../write/write-files.js';
import type { GenerateOptions } from './generate-options.js';
import { publishBatchPlanned } from './batch-planned.js';
import { checkSignerGlyphs, preflightAction } from './preflight.js';
import { outputsFor, skippedOutputs, writeOutput } from './letter-outputs.js';
import { buildManifest, letterEntry, MANIFEST_CSV, MANIFEST_JSON, manifestCsv, manifestJson, readManifest } from './manifest.js';
import { ManifestLedger } from './manifest-ledger.js';
import { groupByRecipient, printSettings, printsInWorker, writeCombinedPdf, writeLabels } from './print-files.js';
import { startPrintWorker, type PrintWorker } from './print-session.js';
import { prepareActions, type ActionOutcome, type PathList, type PreparedAction } from './prepare-actions.js';
import { createPdfRenderPool, type PdfRenderPool } from './render-pool.js';
import { tasksInFlight } from './tasks-in-flight.js';
import { acquireOutputLock, ledgerSpillPath, hasJournal, openJournal, removeStaleTempFiles, type Journal } from './run-state.js';

export type { ActionOutcome, PathList } from './prepare-actions.js';

/** A print file (combined PDF or labels) a run wrote. */
export interface PrintFile {
  readonly path: string;
  readonly kind: 'combined' | 'labels';
  readonly letters: number;
  readonly pages?: number;
}

export interface GenerateResult {
  readonly outcomes: readonly ActionOutcome[];
  readonly printFiles: readonly PrintFile[];
  /** Letters kept from an interrupted run (--resume), verified by their hash. */
  readonly resumed: number;
}

/** A letter composed, with what the manifest needs to say about it. */
interface ComposedLetter {
  readonly letter: PlannedLetter;
  readonly doc: LetterDocument;
  readonly strings: LetterStrings;
}

/** Loads, validates, plans, renders and writes the letters of every action in `paths`. */
export async function generateLetters(paths: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  const { prepared, rejected } = await prepareActions(paths, options);
  const letterCount = prepared.reduce((n, action) => n + action.letters.length, 0);
  publishBatchPlanned(letterCount);
  const paper = options.paper ?? paperForCountry(options.sender?.country ?? options.returnAddress?.country);
  // The print worker loads its modules and fonts (~0.3 s) while this thread checks the batch; a
  // run that stops before its print file stops the worker too.
  const printWorker =
    options.combine !== undefined && !options.dryRun && printsInWorker(options, letterCount) ? startPrintWorker(printSettings(options, paper)) : undefined;
  try {
    // V8 sets up a worker's heap with flags of its own, which the program that owns the process
    // may set back once the worker runs (the CLI does, cli/heap-settings.ts): this thread waits
    // for that before its own heavy work, or its young generation may grow for the rest of the
    // run (in 3 of 6 runs of 1,000 letters measured: 4 or 8 MB instead of 2, peaks 3-11 MB higher).
    await printWorker?.online;
    return await writeBatch(prepared, rejected, options, paper, printWorker);
  } finally {
    await printWorker?.close();
  }
}

async function writeBatch(
  prepared: readonly PreparedAction[],
  rejected: ActionOutcome[],
  options: GenerateOptions,
  paper: Paper,
  printWorker: PrintWorker | undefined,
): Promise<GenerateResult> {
  const templates = templateLoader(options.templatesDir);
  // The cc line of main letters names the embassy copy, when one is written in that language.
  const embassyLines = new WeakMap<LetterList, Map<string, string>>();
  const compose = async (letter: PlannedLetter, all: LetterList): Promise<ComposedLetter> => {
    const set = await templates(letter.language);
    let lines = embassyLines.get(all);
    if (!lines) {
      lines = new Map();
      for (const { first: l } of all.spans) {
        if (l.kind !== 'diplomatic' || lines.has(l.language)) continue;
        lines.set(l.language, recipientCcLine(l.recipient, l.language, l.source.action.languages[0] ?? l.language));
      }
      embassyLines.set(all, lines);
    }
    const diplomaticCcLine = lines.get(letter.language);
    return { letter, strings: set.strings, doc: composeLetter({ letter, templates: set, sender: letter.sender, date: options.date, ...(diplomaticCcLine ? { diplomaticCcLine } : {}) }) };
  };

  const needsPdf = options.formats.includes('pdf') || options.formats.includes('fax') || options.combine !== undefined || options.labels !== undefined;
  // A damaged font file fails here, before this thread loads it (see checkFontFiles).
  if (needsPdf && options.fonts !== undefined) await checkFontFiles(options.fonts);
  if (needsPdf && options.signers) {
    const problems = await checkSignerGlyphs(options);
    if (problems.length > 0) throw new UaError('glyph/missing', 'some signers cannot be printed with this font', { diagnostics: problems, exitCode: 1 });
  }
  const alphabet = needsPdf ? await senderAlphabet(options) : '';
  const ready: PreparedAction[] = [];
  const prerendered = new Map<string, Uint8Array>();
  for (const action of prepared) {
    if (needsPdf) {
      const { problems, rendered } = await preflightAction(action, options, compose, paper, alphabet);
      if (problems.length > 0) {
        rejected.push({ file: action.source.file, slug: action.source.slug, status: 'invalid', diagnostics: [...action.diagnostics, ...problems], files: [] });
        continue;
      }
      if (options.formats.includes('pdf')) for (const [path, bytes] of rendered) prerendered.set(path, bytes);
    }
    ready.push(action);
  }

  for (const action of ready) action.diagnostics.push(...skippedOutputs(action.letters.spans.map((span) => span.first), options.formats));
  // Walked, not listed: a batch of 100,000 letters would keep every path for the whole run.
  const outputPaths = function* (): Generator<string> {
    for (const action of ready) {
      for (const letter of action.letters) for (const output of outputsFor(letter, options.formats)) yield output.path;
      if (options.posts) yield postsPath(action);
    }
  };
  let fileCount = 0;
  let pdfCount = 0;
  for (const path of outputPaths()) {
    fileCount += 1;
    if (path.endsWith('.pdf')) pdfCount += 1;
  }
  const outcomes: ActionOutcome[] = [...rejected];
  if (options.dryRun) {
    for (const action of ready) outcomes.push(writtenOutcome(action, options));
    return { outcomes: sortOutcomes(outcomes), resumed: 0, printFiles: [] };
  }
  if (ready.length === 0) return { outcomes: sortOutcomes(outcomes), resumed: 0, printFiles: [] };

  if (!options.force && !options.resume) {
    for (const target of [options.combine, options.labels]) {
      if (target !== undefined && (await fileExists(target))) {
        throw new UaError('write/exists', `${target} already exists; nothing was written. Use --force to replace it`, { exitCode: 2 });
      }
    }
    const existing = await findExisting(options.outDir, outputPaths());
    if (existing.length > 0) {
      const interrupted = await hasJournal(options.outDir);
      throw new UaError(
        'write/exists',
        `${existing.length} file${existing.length === 1 ? '' : 's'} already exist in ${options.outDir} (first: ${existing[0]}); nothing was written. ` +
          (interrupted ? 'An earlier run was interrupted: use --resume to finish it, or --force to write everything again' : 'Use --force to replace them, or another --out folder'),
        { exitCode: 2 },
      );
    }
  }

  const release = await acquireOutputLock(options.outDir);
  const ledger = new ManifestLedger({ spillTo: ledgerSpillPath(options.outDir) });
  let resumed = 0;
  const printFiles: PrintFile[] = [];
  const failedPaths = new Set<string>();
  try {
    if (options.resume) await removeStaleTempFiles(options.outDir);
    const journal = await openJournal(options.outDir, options.resume ?? false);
    const pool = options.formats.includes('pdf') || options.formats.includes('fax') ? await createPdfRenderPool({ jobs: options.jobs ?? 1, paper, fonts: options.fonts ?? {}, date: options.date, letters: pdfCount, alphabet }) : undefined;
    const printLetters = options.combine ? ready.reduce((n, a) => n + a.letters.length, 0) : 0;
    const total = fileCount + printLetters;
    let done = 0;
    const progress = () => options.onProgress?.({ done, total });
    try {
      for (const action of ready) {
        const result = await writeActionLetters(action, { options, compose, pool, prerendered, journal, ledger, failedPaths, onFileDone: () => (done++, progress()) });
        resumed += result.resumed;
        action.diagnostics.push(...result.failures);
        if (options.signal?.aborted) break;
      }
    } finally {
      await pool?.close();
      // Whatever stopped the letters, the journal keeps every file they finished, for --resume;
      // if it cannot (a full disk), what stopped them is the error to report.
      await journal.flush().catch(() => undefined);
    }
    if ((options.combine || options.labels) && !options.signal?.aborted) {
      const plans = new Map(ready.map((a) => [a.source, a.letters]));
      const groups = groupByRecipient(ready.map((a) => a.letters));
      const print = {
        options,
        paper,
        compose: async (letter: PlannedLetter) => (await compose(letter, plans.get(letter.source)!)).doc,
        onLetterDone: () => (done++, progress()),
        takePrintWorker: () => {
          const worker = printWorker;
          printWorker = undefined;
          return worker;
        },
      };
      const letterCount = groups.reduce((n, g) => n + g.count, 0);
      if (options.combine) {
        const { pages } = await writeCombinedPdf(groups, options.combine, print, ledger);
        printFiles.push({ path: options.combine, kind: 'combined', letters: letterCount, pages });
      }
      if (options.labels) {
        ledger.addEntry(await writeLabels(groups, options.labels, print));
        printFiles.push({ path: options.labels, kind: 'labels', letters: letterCount });
      }
    }
    if (options.signal?.aborted) {
      throw new UaError('generate/interrupted', `interrupted after ${done} of ${total} files; run the same command with --resume to finish`, { exitCode: 2 });
    }
    await writeManifest(options, paper, ledger);
    await journal.remove();
  } finally {
    ledger.dispose();
    await release();
  }
  for (const action of ready) outcomes.push(writtenOutcome(action, options, failedPaths));
  return { outcomes: sortOutcomes(outcomes), resumed, printFiles };
}

interface WriteContext {
  readonly options: GenerateOptions;
  readonly compose: (letter: PlannedLetter, all: LetterList) => Promise<ComposedLetter>;
  readonly pool: PdfRenderPool | undefined;
  /** PDFs the preflight rendered, by the letter's basePath: written as they are, and dropped once written. */
  readonly prerendered: Map<string, Uint8Array>;
  readonly journal: Journal;
  readonly ledger: ManifestLedger;
  readonly onFileDone: () => void;
  /** Files a renderer refused: left out of the action's outcome. */
  readonly failedPaths: Set<string>;
}

// Renders and writes every file of one action, keeping at most a few PDFs in flight so memory
// stays flat however many letters there are.
async function writeActionLetters(action: PreparedAction, context: WriteContext): Promise<{ resumed: number; failures: Diagnostic[] }> {
  const { options, pool, journal, ledger } = context;
  const inFlight = tasksInFlight(Math.max(16, (options.jobs ?? 1) * 4));
  const failures: Diagnostic[] = [];
  // The first I/O failure (disk full, folder gone) stops the action; letters in flight still
  // settle before it is reported, so no write is left running and nothing is half-done.
  let fatal: unknown;
  let resumed = 0;
  const failedPaths = context.failedPaths;
  const target = { outDir: options.outDir, force: options.force || (options.resume ?? false), date: options.date };
  for (let index = 0; index < action.letters.length; index++) {
    await inFlight.room();
    if (options.signal?.aborted || fatal !== undefined) break;
    const letter = action.letters.at(index)!;
    const { doc, strings } = await context.compose(letter, action.letters);
    for (const output of outputsFor(letter, options.formats)) {
      const { path, format } = output;
      const previous = journal.finished.get(path);
      if (previous && (await fileSha256(resolveInside(options.outDir, path))) === previous.sha256) {
        ledger.addFile(action.letters, index, format, previous);
        resumed++;
        context.onFileDone();
        continue;
      }
      // Writes overlap too: a batch waits on the disk far more than on the processor.
      const rendered = format === 'pdf' ? context.prerendered.get(letter.basePath) : undefined;
      if (rendered) context.prerendered.delete(letter.basePath);
      inFlight.add(
        writeOutput(output, letter, doc, strings, pool, target, rendered)
          .then(({ pages, sha256 }) => {
            ledger.addFile(action.letters, index, format, { sha256, ...(pages === undefined ? {} : { pages }) });
            journal.record(letterEntry(letter, path, format, { pages, sha256 }));
            context.onFileDone();
          })
          .catch((error: unknown) => {
            if (error instanceof UaError && error.exitCode === 2) {
              fatal ??= error;
              return;
            }
            // A letter the renderer refuses (an address too long for the window, say) is the
            // recipient's problem: point at it in the action file.
            const at = letter.recipientPath.length > 0 ? { ...letter.source.sourceMap.valueAt(letter.recipientPath), path: formatPath(letter.recipientPath) } : { line: 0, column: 0, path: '' };
            failures.push({ code: 'render/failed', severity: 'error', message: `${path} not written: ${error instanceof Error ? error.message : String(error)}`, file: letter.source.file, ...at });
            failedPaths.add(path);
          }),
      );
    }
  }
  await inFlight.settled();
  if (fatal !== undefined) throw fatal;
  if (options.posts && !options.signal?.aborted) {
    const bytes = new TextEncoder().encode(renderPosts(postDrafts(action.source.action)));
    await writeFileAtomic(options.outDir, { relativePath: postsPath(action), bytes }, { force: options.force || (options.resume ?? false) });
    context.onFileDone();
  }
  return { resumed, failures };
}

// What signers write in a batch (names, streets, cities) is what differs between its letters:
// their characters, in every letter's font subsets, let all the letters share them.
async function senderAlphabet(options: GenerateOptions): Promise<string> {
  const { alphabetOf } = await import('../render/font-subsets.js');
  function* senders(): Generator<Sender | undefined | null> {
    yield options.sender;
    yield options.returnAddress;
    for (const signer of options.signers ?? []) yield signer.sender;
  }
  function* texts(): Generator<string> {
    for (const sender of senders()) {
      for (const value of Object.values(sender ?? {})) yield* (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    }
  }
  return alphabetOf(texts());
}

function postsPath(action: PreparedAction): string {
  return `${action.source.slug}/posts.txt`;
}

function postDrafts(action: PreparedAction['source']['action']): PostDraft[] {
  return action.posts.map((post) => ({ network: post.network, text: post.text, ...(post.to ? { to: post.to } : {}) }));
}

async function writeManifest(options: GenerateOptions, paper: string, ledger: ManifestLedger): Promise<void> {
  // A later run for another language or format adds to the manifest instead of replacing it.
  const previous = await readManifest(resolveInside(options.outDir, MANIFEST_JSON));
  // Entries become objects only as they are written, a few hundred at a time.
  const manifest = buildManifest({ date: options.date, paper }, ledger.sorted(), previous);
  await writeTextAtomic(options.outDir, MANIFEST_JSON, manifestJson(manifest), { force: true });
  await writeTextAtomic(options.outDir, MANIFEST_CSV, manifestCsv(manifest), { force: true });
}

function writtenOutcome(action: PreparedAction, options: GenerateOptions, failedPaths: ReadonlySet<string> = new Set()): ActionOutcome {
  const failed = action.diagnostics.some((d) => d.severity === 'error');
  return { file: action.source.file, slug: action.source.slug, status: failed ? 'invalid' : 'written', diagnostics: action.diagnostics, files: writtenPaths(action, options, failedPaths) };
}

// The paths an action's letters were written to, made from its plan each time they are walked.
function writtenPaths(action: PreparedAction, options: GenerateOptions, failedPaths: ReadonlySet<string>): PathList {
  function* paths(): Generator<string> {
    for (const letter of action.letters) for (const { path } of outputsFor(letter, options.formats)) if (!failedPaths.has(path)) yield path;
    if (options.posts) yield postsPath(action);
  }
  let length: number | undefined;
  return {
    [Symbol.iterator]: paths,
    get length() {
      if (length !== undefined) return length;
      if (failedPaths.size > 0) {
        length = 0;
        for (let walk = paths(); !walk.next().done; ) length++;
        return length;
      }
      // A span's letters differ only in their signer: they get the same outputs.
      length = options.posts ? 1 : 0;
      for (const { first, start, end } of action.letters.spans) length += (end - start) * outputsFor(first, options.formats).length;
      return length;
    },
  };
}

function sortOutcomes(outcomes: ActionOutcome[]): ActionOutcome[] {
  return outcomes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function templateLoader(overridesDir: string | undefined): (language: string) => Promise<TemplateSet> {
  const cache = new Map<string, Promise<TemplateSet>>();
  return (language) => {
    let set = cache.get(language);
    if (!set) {
      set = loadTemplates(language, overridesDir);
      cache.set(language, set);
    }
    return set;
  };
}

async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fileSha256(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch {
    return undefined;
  }
}
