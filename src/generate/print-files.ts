import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { recipientAddressLines, recipientLabel } from '../compose/address-lines.js';
import type { Paper } from '../compose/paper-size.js';
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { LetterList, LetterSpan, PlannedLetter } from '../plan/planned-letter.js';
import { formatLongDate } from '../template/format-long-date.js';
import { writeAtomic } from '../write/write-files.js';
import type { GenerateOptions } from './generate-options.js';
import { letterEntry, manifestEntry, type ManifestEntry } from './manifest.js';
import type { ManifestLedger } from './manifest-ledger.js';
import { openPrintSession, openPrintSessionInWorker, type PrintItem, type PrintSettings, type PrintWorker } from './print-session.js';
import { tasksInFlight } from './tasks-in-flight.js';
import { MIN_LETTERS_FOR_WORKERS } from './worker-threads.js';

/** Letters that go to one recipient, for one bundle of the print file. */
export interface RecipientGroup {
  readonly label: string;
  readonly addressLines: readonly string[];
  /** Its letters: spans of the actions' plans (with the plan each is of), in print order. */
  readonly parts: readonly (LetterSpan & { readonly letters: LetterList })[];
  /** How many letters the parts hold. */
  readonly count: number;
}

/**
 * Groups letters by recipient (the same minister across actions and languages is one group), in
 * the order recipients first appear, so that a print run comes out ready to bundle. A group is
 * made of the plans' spans, not of letters: letters are made one at a time as they are printed.
 */
export function groupByRecipient(plans: readonly LetterList[]): RecipientGroup[] {
  const groups = new Map<string, { label: string; addressLines: string[]; parts: RecipientGroup['parts'][number][]; count: number }>();
  for (const letters of plans) {
    for (const span of letters.spans) {
      const { first, start, end } = span;
      const defaultLanguage = first.source.action.languages[0] ?? first.language;
      const addressLines = recipientAddressLines(first.recipient, defaultLanguage, defaultLanguage);
      const key = addressLines.map((line) => line.trim().toLowerCase()).join('\n');
      let group = groups.get(key);
      if (!group) {
        group = { label: recipientLabel(first.recipient, defaultLanguage, defaultLanguage), addressLines, parts: [], count: 0 };
        groups.set(key, group);
      }
      group.parts.push({ ...span, letters });
      group.count += end - start;
    }
  }
  return [...groups.values()];
}

/** Every letter of a group in print order, with the plan it is from and its index there. */
export function* lettersOf(group: RecipientGroup): Generator<{ letter: PlannedLetter; letters: LetterList; index: number }> {
  for (const { letters, start, end } of group.parts) {
    for (let index = start; index < end; index++) yield { letter: letters.at(index)!, letters, index };
  }
}

/** What the print stage needs from the run: how to compose a letter, and where pages are counted. */
export interface PrintContext {
  readonly options: GenerateOptions;
  readonly paper: Paper;
  readonly compose: (letter: PlannedLetter) => Promise<LetterDocument>;
  /** Called after each letter drawn into the print file, for the progress bar. */
  readonly onLetterDone: () => void;
  /** A print worker started ahead with printSettings(), handed over to the first session opened. */
  readonly takePrintWorker?: () => PrintWorker | undefined;
}

/** How the run's print file is set up (paper, fonts, pinned date, title, duplex). */
export function printSettings(options: GenerateOptions, paper: Paper): PrintSettings {
  return { paper, fonts: options.fonts ?? {}, date: options.date, title: `ua-letter print file, ${options.date}`, duplex: options.duplex ?? false };
}

/** Whether a print file of `letters` letters is drawn in a worker thread (else in this one). */
export function printsInWorker(options: GenerateOptions, letters: number): boolean {
  return (options.jobs ?? 1) > 1 && letters >= MIN_LETTERS_FOR_WORKERS;
}

/**
 * Writes the combined print file: per recipient a cover sheet, then each letter from a new sheet
 * (a front side with --duplex). Pages stream to a temporary file that is renamed when complete,
 * so an interrupted run leaves no partial print file; a large file is drawn in a worker thread
 * whose heap is bounded, so memory stays flat however many letters go in. Each letter and cover
 * goes into the ledger with where it landed; resolves to the file's page count.
 */
export async function writeCombinedPdf(groups: readonly RecipientGroup[], target: string, context: PrintContext, ledger: ManifestLedger): Promise<{ pages: number }> {
  const { options } = context;
  const printFile = ledger.namePath(printPath(options.outDir, target));
  let filePages = 0;
  const letters = groups.reduce((n, g) => n + g.count, 0);
  let sha256 = '';
  const start = ledger.checkpoint();

  await writeAtomic(resolve(target), async (file) => {
    // writeAtomic fills the file a second time if its folder vanished meanwhile: from scratch.
    ledger.rollback(start);
    filePages = 0;
    const settings = { file, ...printSettings(options, context.paper) };
    // Below as many letters as make render workers worth starting, the print file is drawn here.
    const started = context.takePrintWorker?.();
    const session = started ? started.open(file) : printsInWorker(options, letters) ? await openPrintSessionInWorker(settings) : await openPrintSession(settings);
    // Items are composed here while the session draws earlier ones; a few wait in between.
    const inFlight = tasksInFlight(PRINT_ITEMS_IN_FLIGHT);
    let failure: unknown;
    const add = (item: PrintItem, index: number, onDone?: () => void): void => {
      inFlight.add(
        session
          .add(item)
          .then((placement) => {
            // With --duplex a blank back keeps the next sheet's front for the next letter; the
            // manifest counts it on the entry before, so its pages add up to the file's.
            ledger.place(index, placement);
            filePages += placement.pages + placement.blankPagesAfter;
            onDone?.();
          })
          .catch((error: unknown) => {
            failure ??= error;
          }),
      );
    };
    for (const group of groups) {
      const first = group.parts[0];
      if (!first || failure !== undefined || options.signal?.aborted) continue;
      await inFlight.room();
      add({ kind: 'cover', cover: coverSheet(group, options.date) }, ledger.addInside(first.letters, first.start, printFile, 'combined-pdf', { recipient: group.label }));
      for (const { letter, letters, index } of lettersOf(group)) {
        await inFlight.room();
        if (options.signal?.aborted || failure !== undefined) break;
        add({ kind: 'letter', doc: await context.compose(letter) }, ledger.addInside(letters, index, printFile, 'combined-pdf'), context.onLetterDone);
      }
    }
    await inFlight.settled();
    if (failure !== undefined) {
      await session.end().catch(() => undefined);
      throw failure;
    }
    ({ sha256 } = await session.end());
    if (options.signal?.aborted) throw new UaError('generate/interrupted', 'interrupted while writing the print file; run again with --resume', { exitCode: 2 });
  }, { force: options.force || (options.resume ?? false), name: target });

  ledger.setSha(printFile, sha256);
  return { pages: filePages };
}

// Enough to keep the print worker busy: it draws a letter in ~1.3 ms, composing one here takes a
// tenth of that. Each item waiting is a composed letter that outlives this thread's next minor
// collections and is moved to its old generation, which V8 lets grow long before collecting it:
// with 32 waiting, this thread's old space grew from 62 to 83 MB over 100,000 letters; with 4 it
// stays at 50 MB.
const PRINT_ITEMS_IN_FLIGHT = 4;

/** Writes envelope labels, one per letter, in the order of the print file. */
export async function writeLabels(groups: readonly RecipientGroup[], target: string, context: PrintContext): Promise<ManifestEntry> {
  const { options } = context;
  const { loadFontSet } = await import('../render/fonts.js');
  const { renderLabels } = await import('../render/render-labels.js');
  const fonts = loadFontSet(options.fonts ?? {});
  // A label per letter, so that the labels come in the print file's order, but one address per span.
  const addresses: (readonly string[])[] = [];
  let firstLetter: PlannedLetter | undefined;
  for (const group of groups) {
    for (const { first: letter, start, end } of group.parts) {
      firstLetter ??= letter;
      const lines = recipientAddressLines(letter.recipient, letter.language, letter.source.action.languages[0] ?? letter.language);
      for (let i = start; i < end; i++) addresses.push(lines);
    }
  }
  const bytes = await renderLabels(addresses, { sheet: context.paper === 'letter' ? 'letter-3x10' : 'a4-3x7', fonts, date: new Date(`${options.date}T00:00:00Z`) });
  await writeAtomic(resolve(target), (temp) => writeFile(temp, bytes, { flag: 'wx' }), { force: options.force || (options.resume ?? false), name: target });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const manifestPath = printPath(options.outDir, target);
  if (firstLetter === undefined) throw new Error('no letters to label');
  // Listed by its first letter's action; a sheet of labels has no signer.
  return manifestEntry({ ...letterEntry(firstLetter, manifestPath, 'labels'), format: 'labels', kind: 'labels', recipient: `${addresses.length} labels`, signer: undefined, sha256 });
}

function coverSheet(group: RecipientGroup, date: string) {
  const actions = new Map<string, { letter: PlannedLetter; count: number }>();
  for (const { first: letter, start, end } of group.parts) {
    const known = actions.get(letter.source.file);
    if (known) known.count += end - start;
    else actions.set(letter.source.file, { letter, count: end - start });
  }
  const rows = [{ label: 'Letters', value: String(group.count) }];
  for (const { letter, count } of actions.values()) {
    const { action } = letter.source;
    rows.push({ label: action.number ?? letter.source.slug, value: `${count} letter${count === 1 ? '' : 's'}; send before ${formatLongDate(action.deadline, 'en-GB')}` });
  }
  rows.push({ label: 'Printed', value: formatLongDate(date, 'en-GB') });
  return { heading: `Letters to ${group.label}`, recipientLines: group.addressLines, rows };
}

// Paths inside the output folder are listed relative to it, others as given.
function printPath(outDir: string, target: string): string {
  const rel = relative(resolve(outDir), resolve(target));
  return rel.startsWith('..') || isAbsolute(rel) ? target : rel;
}
