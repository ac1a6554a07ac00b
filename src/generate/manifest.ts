import { readFile } from 'node:fs/promises';
import { recipientCcLine } from '../compose/address-lines.js';
import type { PlannedLetter } from '../plan/planned-letter.js';

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';

/** One written file (or one letter inside the combined PDF), as listed in the manifest. */
export interface ManifestEntry {
  readonly path: string;
  readonly format: string;
  /** The action file the letter comes from, and its UA number. */
  readonly action: string;
  readonly number?: string;
  readonly deadline: string;
  readonly language: string;
  readonly kind: string;
  readonly recipient: string;
  /** The signers-CSV row (1-based); names and addresses are never written here. */
  readonly signer?: number;
  readonly pages?: number;
  /** For letters inside a combined PDF: the page the letter starts on. */
  readonly firstPage?: number;
  /** In a duplex print file: blank pages after this letter, so the next starts on a front side. */
  readonly blankPagesAfter?: number;
  readonly sha256: string;
}

/** The record of the letters in an output folder: what was written, when dated, for which deadline. */
export interface Manifest {
  readonly letterDate: string;
  readonly paper: string;
  /** Sorted by path, then first page; may be walked more than once. */
  readonly letters: Iterable<ManifestEntry>;
}

/**
 * The manifest of a run: its entries (sorted by path, then first page), with a previous run's
 * entries for other files merged in by path, so that it is reproducible. Entries are walked, not
 * copied: a batch of 100,000 letters never holds them all as objects.
 */
export function buildManifest(run: { date: string; paper: string }, entries: Iterable<ManifestEntry>, previous?: Manifest): Manifest {
  const kept = [...(previous?.letters ?? [])].sort(byPath);
  return { letterDate: run.date, paper: run.paper, letters: { [Symbol.iterator]: () => mergeByPath(kept, entries) } };
}

/** Orders entries by path, then by first page (the letters of a print file in print order). */
export function byPath(a: ManifestEntry, b: ManifestEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : (a.firstPage ?? 0) - (b.firstPage ?? 0);
}

// Both sorted by path; a previous entry whose path the run wrote again is dropped.
function* mergeByPath(previous: readonly ManifestEntry[], entries: Iterable<ManifestEntry>): Generator<ManifestEntry> {
  let p = 0;
  for (const entry of entries) {
    while (p < previous.length && previous[p]!.path <= entry.path) {
      if (previous[p]!.path < entry.path) yield previous[p]!;
      p++;
    }
    yield entry;
  }
  yield* previous.slice(p);
}

const CSV_COLUMNS = ['path', 'format', 'action', 'number', 'deadline', 'language', 'kind', 'recipient', 'signer', 'pages', 'firstPage', 'blankPagesAfter', 'sha256'] as const;

/**
 * The manifest as JSON, exactly as JSON.stringify(manifest, null, 2) with a final newline, in
 * pieces: a batch of 100,000 letters never becomes one string of tens of megabytes.
 */
export function* manifestJson(manifest: Manifest): Generator<string> {
  const { letters, ...head } = manifest;
  const top = JSON.stringify(head, null, 2);
  let rows = 0;
  let piece = '';
  for (const entry of letters) {
    if (rows === 0) yield `${top.slice(0, -2)},\n  "letters": [\n`;
    piece += `${rows === 0 ? '' : ',\n'}    ${JSON.stringify(entry, null, 2).replaceAll('\n', '\n    ')}`;
    rows++;
    if (rows % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  if (rows === 0) {
    yield `${top.slice(0, -2)},\n  "letters": []\n}\n`;
    return;
  }
  if (piece !== '') yield piece;
  yield '\n  ]\n}\n';
}

// Pieces stay well under 128 kB (a row of JSON is ~500 characters, two bytes each when a name is
// not Latin-1): a larger string is made in V8's large-object space, which only a full collection
// empties. Pieces of 500 rows piled up there as garbage at the end of a run of 100,000 letters,
// 88 MB of them, and made the run's peak (text files: 298 MB, 148 MB with pieces of 100 rows).
export const ROWS_PER_PIECE = 64;

/** The manifest as CSV, for spreadsheets: one row per file or combined letter, in pieces. */
export function* manifestCsv(manifest: Manifest): Generator<string> {
  const cell = (value: unknown) => {
    const text = value === undefined ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  yield `${CSV_COLUMNS.join(',')}\n`;
  let piece = '';
  let rows = 0;
  for (const entry of manifest.letters) {
    piece += `${CSV_COLUMNS.map((c) => cell(entry[c])).join(',')}\n`;
    if (++rows % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** Reads the manifest a previous run left, if any; a missing or unreadable one counts as none. */
export async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    return Array.isArray(parsed.letters) ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/** What the manifest says about a letter, wherever it was written (a file of its own or the print file). */
export function letterEntry(letter: PlannedLetter, path: string, format: string, facts: Partial<Pick<ManifestEntry, 'pages' | 'firstPage' | 'blankPagesAfter' | 'sha256'>> = {}): ManifestEntry {
  const { action, file } = letter.source;
  return manifestEntry({
    path,
    format,
    action: file,
    ...(action.number ? { number: action.number } : {}),
    deadline: action.deadline,
    language: letter.language,
    kind: letter.kind,
    recipient: recipientName(letter),
    ...(letter.signer ? { signer: letter.signer.row } : {}),
    sha256: '',
    ...facts,
  });
}

/**
 * An entry with its fields in one fixed order (absent ones undefined, which JSON leaves out): a
 * batch keeps one per letter, and V8 gives objects made by spreading a hidden class each.
 */
export function manifestEntry(e: ManifestEntry): ManifestEntry {
  return {
    path: e.path,
    format: e.format,
    action: e.action,
    number: e.number,
    deadline: e.deadline,
    language: e.language,
    kind: e.kind,
    recipient: e.recipient,
    signer: e.signer,
    firstPage: e.firstPage,
    pages: e.pages,
    blankPagesAfter: e.blankPagesAfter,
    sha256: e.sha256,
  };
}

// A batch has thousands of letters to each recipient: their entries share one string.
const recipientNames = new WeakMap<PlannedLetter['recipient'], Map<string, string>>();

function recipientName(letter: PlannedLetter): string {
  let byLanguage = recipientNames.get(letter.recipient);
  if (byLanguage === undefined) recipientNames.set(letter.recipient, (byLanguage = new Map()));
  let name = byLanguage.get(letter.language);
  if (name === undefined) {
    name = recipientCcLine(letter.recipient, letter.language, letter.source.action.languages[0] ?? letter.language);
    byLanguage.set(letter.language, name);
  }
  return name;
}
