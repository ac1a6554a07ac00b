// The manifest entries of a run, held compactly until the manifest is written. A batch of 100,000
// letters would otherwise keep 100,000 entry objects (each with its path and hash as strings,
// ~300 bytes) for the whole run, on the main thread's heap, which V8 lets grow to about twice
// what it holds. An entry here is its letter's plan and index there, its format, its hash as 32
// bytes (for a letter's own file; the letters in a print file share the file's) and its page
// numbers, all in typed arrays of a fixed length (chunked-column.ts), up to 57 bytes; a column
// that holds only zeros takes none, so a separate text file of a run of one action in one format
// is its index and hash, 36 bytes. Given a place for them, rows more than 4,096 entries old move
// to files there (chunk-store.ts), and memory holds a few chunks of each column however long the
// run. The fields that follow from the letter (path, action, deadline, language, recipient,
// signer) are derived when the manifest is written, by the same function as for the journal.
import { ChunkedBytes, ChunkedColumn } from '../compact/chunked-column.js';
import { sortIndices } from '../compact/sort-indices.js';
import type { LetterList, PlannedLetter } from '../plan/planned-letter.js';
import { outputPath } from './letter-outputs.js';
import { byPath, letterEntry, manifestEntry, type ManifestEntry } from './manifest.js';

/** A file named by its path rather than by a letter's output: the print file, say. */
export type PathId = number;

export class ManifestLedger {
  #count = 0;
  // The plans the letters are from (one per action), and each entry's plan and index there.
  readonly #plans: LetterList[] = [];
  readonly #planIds = new Map<LetterList, number>();
  readonly #plan: ChunkedColumn;
  readonly #index: ChunkedColumn;
  readonly #format: ChunkedColumn;
  // 0: the letter's own output file in that format; n: the n-th named path (print files).
  readonly #path: ChunkedColumn;
  // Hashes of letters' own files only (a print file's entries share the file's).
  readonly #sha: ChunkedBytes;
  // 0 means none: a PDF has at least one page, and pages are numbered from 1.
  readonly #pages: ChunkedColumn;
  readonly #firstPage: ChunkedColumn;
  readonly #blankPagesAfter: ChunkedColumn;
  readonly #columns: readonly (ChunkedColumn | ChunkedBytes)[];
  readonly #formats: string[] = [];
  readonly #paths: { path: string; sha256: string }[] = [];
  // Cover sheets: their kind and recipient are the group's, not the letter's.
  readonly #covers = new Map<number, { kind: string; recipient: string }>();
  // Entries of no letter (the labels file).
  readonly #other: ManifestEntry[] = [];

  /**
   * `spillTo`: where the rows of entries recorded a while ago go (files named `<spillTo>-<column>.bin`),
   * read back when the manifest is written: 36 bytes an entry for a separate file, 16 for a
   * letter in the print file (3.6 and 1.6 MB at 100,000 letters); without it they stay in memory.
   */
  constructor(options: { spillTo?: string } = {}) {
    const file = (column: string) => (options.spillTo === undefined ? undefined : `${options.spillTo}-${column}.bin`);
    this.#plan = new ChunkedColumn(32, file('plan'));
    this.#index = new ChunkedColumn(32, file('index'));
    this.#format = new ChunkedColumn(8, file('format'));
    this.#path = new ChunkedColumn(32, file('path'));
    this.#sha = new ChunkedBytes(32, file('sha256'));
    this.#pages = new ChunkedColumn(32, file('pages'));
    this.#firstPage = new ChunkedColumn(32, file('first-page'));
    this.#blankPagesAfter = new ChunkedColumn(32, file('blank-pages'));
    this.#columns = [this.#plan, this.#index, this.#format, this.#path, this.#sha, this.#pages, this.#firstPage, this.#blankPagesAfter];
  }

  /** Deletes the spill files; call once the manifest is written (or the run has failed). */
  dispose(): void {
    for (const column of this.#columns) column.dispose();
  }

  /** Entries recorded so far. */
  get size(): number {
    return this.#count + this.#other.length;
  }

  /** Records the own file of letter `index` of `letters`. */
  addFile(letters: LetterList, index: number, format: string, facts: { pages?: number; sha256: string }): void {
    const entry = this.#add(letters, index, format, 0);
    this.#pages.set(entry, facts.pages ?? 0);
    this.#setSha(entry, facts.sha256);
  }

  /** Names a file that holds many letters (the print file); its hash comes with setSha(). */
  namePath(path: string): PathId {
    return this.#paths.push({ path, sha256: '' });
  }

  /** Sets the hash of a named file, for all its entries. */
  setSha(path: PathId, sha256: string): void {
    this.#paths[path - 1]!.sha256 = sha256;
  }

  /** Records letter `index` of `letters` (or, with `cover`, a cover sheet before it) inside a named file; place() it when drawn. */
  addInside(letters: LetterList, index: number, path: PathId, format: string, cover?: { recipient: string }): number {
    const entry = this.#add(letters, index, format, path);
    if (cover) this.#covers.set(entry, { kind: 'cover', recipient: cover.recipient });
    return entry;
  }

  /** Where an entry made by addInside() landed. */
  place(index: number, placement: { firstPage: number; pages: number; blankPagesAfter: number }): void {
    this.#firstPage.set(index, placement.firstPage);
    this.#pages.set(index, placement.pages);
    this.#blankPagesAfter.set(index, placement.blankPagesAfter);
  }

  /** Records an entry that is not a letter's (the labels file). */
  addEntry(entry: ManifestEntry): void {
    this.#other.push(entry);
  }

  /** A point to come back to with rollback(): entries of letters recorded so far. */
  checkpoint(): number {
    return this.#count;
  }

  /** Forgets the letters' entries recorded since `checkpoint` (a print file drawn again from the start). */
  rollback(checkpoint: number): void {
    if (checkpoint >= this.#count) return;
    this.#count = checkpoint;
    for (const index of this.#covers.keys()) if (index >= checkpoint) this.#covers.delete(index);
  }

  /**
   * Every entry in the manifest's order (by path, then first page), made one at a time each time
   * it is walked. Only the order is kept.
   */
  sorted(): Iterable<ManifestEntry> {
    const order = this.#order();
    const others = [...this.#other].sort(byPath);
    const entry = (i: number) => this.#entry(i);
    return {
      *[Symbol.iterator]() {
        let o = 0;
        for (const i of order) {
          const next = entry(i);
          while (o < others.length && byPath(others[o]!, next) < 0) yield others[o++]!;
          yield next;
        }
        yield* others.slice(o);
      },
    };
  }

  // The entries' indices by path, then first page. A path held for every entry while sorting made
  // the peak of a long run: 100,000 strings, 13 MB of heap at the end of 100,000 text letters. A
  // signer's own file is "<folder>/signer-<row, 5 digits><extension>" instead: its folder's rank
  // among the folders, its row and its extension order it as its path would. Other entries (print
  // files, letters without signers) keep their paths, which are few or one string shared. What is
  // kept per entry while sorting is 16 bytes (at the end of a run, where text files peak).
  #order(): Uint32Array {
    const count = this.#count;
    // A signer's own file: its folder's number; another entry: its path's number, with NAMED set.
    const placeOf = new Uint32Array(count);
    // A signer's own file: row * 256 + extension number; another entry: its first page (read here
    // once, in the order entries were recorded, rather than while sorting from rows that may have
    // moved to disk).
    const rowOf = new Uint32Array(count);
    const folders = new Map<string, number>();
    const extensions: string[] = [];
    // Other entries' paths, by number (from 0): a print file's entries share one.
    const pathIds = new Map<string, number>();
    const pathNames: string[] = [];
    for (let i = 0; i < count; i++) {
      // A letter is made from its plan each time it is asked for: once per entry here.
      const letter = this.#path.get(i) === 0 ? this.#letterOf(i) : undefined;
      const path = this.#pathOf(i, letter);
      const row = letter?.signer?.row;
      const digits = row === undefined ? '' : `/signer-${String(row).padStart(5, '0')}`;
      const at = digits === '' ? -1 : path.lastIndexOf(digits);
      if (row === undefined || row >= 100_000 || at < 0) {
        let id = pathIds.get(path);
        if (id === undefined) pathIds.set(path, (id = pathNames.push(path) - 1));
        placeOf[i] = NAMED | id;
        rowOf[i] = this.#firstPage.get(i);
        continue;
      }
      const folder = path.slice(0, at + '/signer-'.length);
      let id = folders.get(folder);
      if (id === undefined) folders.set(folder, (id = folders.size));
      const extension = path.slice(at + digits.length);
      let e = extensions.indexOf(extension);
      if (e < 0) e = extensions.push(extension) - 1;
      // A file has a handful of extensions at most (one per format).
      if (e > 255 || id >= NAMED) throw new Error('too many extensions or folders to sort the manifest');
      placeOf[i] = id;
      rowOf[i] = row * 256 + e;
    }
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    const firstPageOf = (i: number): number => (placeOf[i]! & NAMED ? rowOf[i]! : 0);
    // Compared by folder, two such paths compare as their folders do unless one folder is the
    // start of another, which the layout of paths rules out; if it ever happens, paths it is.
    const names = [...folders.keys()];
    const byName = [...names].sort();
    if (byName.some((name, k) => k > 0 && name.startsWith(byName[k - 1]!))) {
      return sortIndices(order, (a, b) => compare(this.#pathOf(a), this.#pathOf(b)) || firstPageOf(a) - firstPageOf(b));
    }
    const rank = new Uint32Array(names.length);
    byName.forEach((name, k) => (rank[folders.get(name)!] = k));
    const pathOf = (i: number): string | undefined => (placeOf[i]! & NAMED ? pathNames[placeOf[i]! & ~NAMED] : undefined);
    const extensionOf = (i: number): string => extensions[rowOf[i]! & 255]!;
    const fullPath = (i: number) => pathOf(i) ?? `${names[placeOf[i]!]}${String(rowOf[i]! >>> 8).padStart(5, '0')}${extensionOf(i)}`;
    const byPathThenPage = (a: number, b: number): number => {
      const pathA = pathOf(a);
      const pathB = pathOf(b);
      let order: number;
      if (pathA === undefined && pathB === undefined) {
        order = rank[placeOf[a]!]! - rank[placeOf[b]!]! || (rowOf[a]! >>> 8) - (rowOf[b]! >>> 8) || compare(extensionOf(a), extensionOf(b));
      } else if (pathA !== undefined && pathB !== undefined) {
        order = compare(pathA, pathB);
      } else {
        // A path that does not start with the other entry's folder is ordered by that folder alone.
        const [path, folder, sign] = pathA !== undefined ? [pathA, names[placeOf[b]!]!, 1] : [pathB!, names[placeOf[a]!]!, -1];
        order = path.startsWith(folder) ? compare(fullPath(a), fullPath(b)) : sign * compare(path, folder);
      }
      return order || firstPageOf(a) - firstPageOf(b);
    };
    return sortIndices(order, byPathThenPage);
  }

  // `letter`: the entry's letter, when the caller has made it already.
  #pathOf(i: number, letter?: PlannedLetter): string {
    const named = this.#path.get(i);
    return named === 0 ? outputPath(letter ?? this.#letterOf(i), this.#formats[this.#format.get(i)]!) : this.#paths[named - 1]!.path;
  }

  #entry(i: number): ManifestEntry {
    const named = this.#path.get(i);
    const cover = this.#covers.get(i);
    const letter = this.#letterOf(i);
    const pages = this.#pages.get(i);
    const firstPage = this.#firstPage.get(i);
    const blankPagesAfter = this.#blankPagesAfter.get(i);
    const entry = letterEntry(letter, this.#pathOf(i, letter), this.#formats[this.#format.get(i)]!, {
      sha256: named === 0 ? this.#sha.get(i).toString('hex') : this.#paths[named - 1]!.sha256,
      ...(pages > 0 ? { pages } : {}),
      ...(firstPage > 0 ? { firstPage } : {}),
      ...(blankPagesAfter > 0 ? { blankPagesAfter } : {}),
    });
    // A cover sheet is listed by its group; it has no signer (its group's first letter has one).
    return cover ? manifestEntry({ ...entry, ...cover, signer: undefined }) : entry;
  }

  #letterOf(i: number): PlannedLetter {
    const letter = this.#plans[this.#plan.get(i)]!.at(this.#index.get(i));
    if (letter === undefined) throw new Error(`manifest entry ${i}: no letter ${this.#index.get(i)} in its plan`);
    return letter;
  }

  #add(letters: LetterList, letter: number, format: string, path: number): number {
    let formatIndex = this.#formats.indexOf(format);
    if (formatIndex < 0) formatIndex = this.#formats.push(format) - 1;
    let plan = this.#planIds.get(letters);
    if (plan === undefined) this.#planIds.set(letters, (plan = this.#plans.push(letters) - 1));
    const index = this.#count++;
    // Entries are recorded in order, and placed soon after (a print file's letters in flight):
    // the rows more than a chunk behind are complete.
    for (const column of this.#columns) column.spillBefore(index - SPILL_LAG);
    this.#plan.set(index, plan);
    this.#index.set(index, letter);
    this.#format.set(index, formatIndex);
    this.#path.set(index, path);
    // An index used again after a rollback starts clean.
    this.#pages.set(index, 0);
    this.#firstPage.set(index, 0);
    this.#blankPagesAfter.set(index, 0);
    return index;
  }

  #setSha(index: number, sha256: string): void {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    this.#sha.setHex(index, sha256);
  }
}

// Entries behind the newest whose rows may still be written (place()): a chunk of 4,096.
const SPILL_LAG = 4096;

// Marks a place in #order() that is a path's number, not a folder's.
const NAMED = 0x8000_0000;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
