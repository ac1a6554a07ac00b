// What pdfkit keeps of every page until the end of a document, made compact. A print file of
// 10,000 letters has some 25,000 pages; pdfkit holds each written page's dictionary in the page
// tree (with its content and resource objects, ~750 bytes) and each object's offset in a plain
// array, all until end() writes the tree and the cross-reference table. Here a written page is
// reduced to its object number in a chunked column (4 bytes) and an offset to 4 bytes, so that the
// heap of a long print run does not creep up with the page count; and what pdfkit writes is handed
// on in blocks rather than a Buffer per line (writeInBlocks), the page tree's list of pages among
// them in pieces rather than as one string of them all. All rely on pdfkit 0.20's internals;
// if they change, the checks fail and nothing is changed: memory then grows faster with the page
// count, but the file is the same.
import { ChunkedColumn } from '../compact/chunked-column.js';
import type { Pdf } from './pdf-document.js';

/** The pdfkit internals this module relies on: the page tree, the xref offsets and the writer (0.20). */
interface PdfkitInternals {
  readonly _root?: { readonly data?: { readonly Pages?: { readonly data?: { readonly Kids?: unknown } } } };
  _offsets?: unknown;
  _write?: unknown;
}
interface PdfkitReference {
  readonly id?: unknown;
  readonly gen?: unknown;
  readonly offset?: unknown;
}

/** Object numbers of a document's written pages, in order, and the one reference that writes them all. */
interface PackedPages {
  readonly ids: ChunkedColumn;
  count: number;
  readonly ref: object;
}

const packedPages = new WeakMap<Pdf, PackedPages>();

// What a document's block writer (writeInBlocks) is to write out when a line holds KIDS_MARKER:
// the packed pages, set by their reference as it is written (at the end of the document).
const blockWriters = new WeakMap<Pdf, { kids: PackedPages | undefined }>();
// Stands for the packed pages in the line that writes the page tree; no dictionary pdfkit writes
// has a NUL in it.
const KIDS_MARKER = '\u0000packed pages\u0000';
// References written per piece of the page tree's Kids.
const KIDS_PER_PIECE = 4096;

/**
 * Replaces the pages pdfkit has already written (their reference has an offset) with their object
 * numbers. The page tree's Kids become [packed, pages not yet written], where `packed` is a
 * reference whose text is "3 0 R 7 0 R ...", which is what pdfkit writes for an array of
 * references: the tree comes out byte for byte the same. Nothing else a letter uses reads Kids
 * (pdfkit's outlines and internal links, which do, are not used).
 */
export function packWrittenPages(pdf: Pdf): void {
  const kids = (pdf as unknown as PdfkitInternals)._root?.data?.Pages?.data?.Kids;
  if (!Array.isArray(kids)) return;
  let packed = packedPages.get(pdf);
  const start = packed !== undefined && kids[0] === packed.ref ? 1 : 0;
  let end = start;
  while (end < kids.length && isWrittenPage(kids[end])) end++;
  if (end === start) return;
  if (packed === undefined) {
    packed = packedReference(pdf, kids[start] as object);
    packedPages.set(pdf, packed);
  }
  for (let i = start; i < end; i++) {
    packed.ids.set(packed.count++, (kids[i] as { id: number }).id);
  }
  kids.splice(start, end - start);
  if (start === 0) kids.unshift(packed.ref);
}

function isWrittenPage(kid: unknown): boolean {
  if (typeof kid !== 'object' || kid === null) return false;
  const { id, gen, offset } = kid as PdfkitReference;
  return typeof offset === 'number' && typeof id === 'number' && Number.isInteger(id) && id > 0 && id <= 0xffffffff && gen === 0;
}

// A reference of pdfkit's own class (its serializer checks for that), standing for all the
// packed pages at once. Its text, "3 0 R 7 0 R ..." (some 10 bytes a page), is made once, when
// the page tree is written at the end: in pieces by the document's block writer, which its
// marker tells to, or else whole.
function packedReference(pdf: Pdf, page: object): PackedPages {
  const ref = Object.create(Object.getPrototypeOf(page) as object) as { toString(): string };
  const packed: PackedPages = { ids: new ChunkedColumn(32), count: 0, ref };
  ref.toString = () => {
    const writer = blockWriters.get(pdf);
    if (writer === undefined) return [...kidsText(packed)].join('');
    writer.kids = packed;
    return KIDS_MARKER;
  };
  return packed;
}

// The text of the packed pages' references, in pieces of KIDS_PER_PIECE references.
function* kidsText(packed: PackedPages): Generator<string> {
  for (let from = 0; from < packed.count; from += KIDS_PER_PIECE) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(from + KIDS_PER_PIECE, packed.count); i++) parts.push(`${packed.ids.get(i)} 0 R`);
    yield (from === 0 ? '' : ' ') + parts.join(' ');
  }
}

/**
 * Gives the document a compact table of object offsets in place of pdfkit's array (a tagged
 * value per object, and garbage each time the array grows). pdfkit uses the array through
 * `length`, `push(null)` for a new object, `[id - 1] = offset` when the object is written and
 * iteration to write the xref table; the table answers all four, and starts with what the
 * array holds (pdfkit makes its catalog objects in its constructor).
 */
export function useCompactOffsets(pdf: Pdf): void {
  const internals = pdf as unknown as PdfkitInternals;
  const offsets = internals._offsets;
  if (!Array.isArray(offsets) || !offsets.every((o) => o === null || typeof o === 'number')) return;
  const table = offsetTable();
  table.push(...(offsets as (number | null)[]));
  internals._offsets = table;
}

/**
 * Makes pdfkit hand its output on in blocks of 64 kB. It pushes each line it writes (an object's
 * number, its dictionary, "stream", the stream's bytes, "endstream"...) into its stream as a Buffer
 * of its own: a few dozen a page, each passed on through the stream, the print file's hash and the
 * file's writes on its own (4% of the print worker's time), and at the end of a document its
 * cross-reference table, a line per object, queued faster than a file takes them (a print file of
 * 100,000 letters: 300,000 Buffers, tens of megabytes, at once; cross-reference-table.ts now
 * paces it). Lines are gathered and made bytes together instead (as pdfkit does, a character's
 * low byte); the bytes and offsets are the same. The page tree's line, with a reference per page,
 * is written in pieces of a few thousand references (at 100,000 letters it was a string of 1 MB,
 * made from 250,000 small ones).
 */
export function writeInBlocks(pdf: Pdf): void {
  const internals = pdf as unknown as PdfkitInternals & { _offset?: unknown; push?: unknown };
  const push = internals.push;
  if (typeof internals._write !== 'function' || typeof internals._offset !== 'number' || typeof push !== 'function') return;
  const writer: { kids: PackedPages | undefined } = { kids: undefined };
  blockWriters.set(pdf, writer);
  // What is written and not yet pushed: bytes, and lines (each with its newline) run together.
  const parts: (string | Uint8Array)[] = [];
  let lines = '';
  let size = 0;
  const flush = (): void => {
    if (lines !== '') parts.push(lines);
    lines = '';
    size = 0;
    if (parts.length === 0) return;
    const chunks = parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part));
    parts.length = 0;
    push.call(pdf, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  };
  // Counts bytes written: into the document's offset, and towards the block being gathered.
  const count = (doc: { _offset: number }, length: number): void => {
    doc._offset += length;
    size += length;
    if (size >= BLOCK_BYTES) flush();
  };
  const add = (doc: { _offset: number }, text: string): void => {
    lines += text;
    count(doc, text.length);
  };
  internals._write = function (this: { _offset: number }, data: unknown): void {
    if (!(data instanceof Uint8Array)) {
      const line = `${String(data)}\n`;
      const at = writer.kids === undefined ? -1 : line.indexOf(KIDS_MARKER);
      if (at < 0) return add(this, line);
      // The page tree: its packed pages go out a piece at a time, not as one string of them all.
      const packed = writer.kids!;
      writer.kids = undefined;
      add(this, line.slice(0, at));
      for (const piece of kidsText(packed)) add(this, piece);
      return add(this, line.slice(at + KIDS_MARKER.length));
    }
    if (lines !== '') parts.push(lines);
    lines = '';
    parts.push(data);
    count(this, data.length);
  };
  // pdfkit ends its stream with push(null), after the last line: what is gathered goes first.
  internals.push = function (this: unknown, chunk: unknown, ...rest: unknown[]): unknown {
    if (chunk === null) flush();
    return push.call(this, chunk, ...rest) as unknown;
  };
}

const BLOCK_BYTES = 64 * 1024;

// Offsets plus one (0 for an object not written yet, which reads back as null as in pdfkit's
// array), as their low 32 bits and the bits above, which stay 0 and take no memory in a file of
// less than 4 GB: 4 bytes an object (a page is three), where a float64 took 8.
function offsetTable(): { push(...items: (number | null)[]): number } {
  const low = new ChunkedColumn(32);
  const high = new ChunkedColumn(16);
  let length = 0;
  const read = (index: number): number | null => {
    const stored = high.get(index) * 2 ** 32 + low.get(index);
    return stored === 0 ? null : stored - 1;
  };
  const write = (index: number, offset: unknown): void => {
    if (typeof offset === 'number' && !(Number.isSafeInteger(offset) && offset >= 0)) throw new Error(`not a byte offset: ${offset}`);
    const stored = typeof offset === 'number' ? offset + 1 : 0;
    low.set(index, stored % 2 ** 32);
    high.set(index, Math.floor(stored / 2 ** 32));
  };
  const table = {
    get length() {
      return length;
    },
    push(...items: unknown[]) {
      for (const item of items) write(length++, item);
      return length;
    },
    *[Symbol.iterator](): Generator<number | null> {
      for (let i = 0; i < length; i++) yield read(i);
    },
  };
  return new Proxy(table, {
    get(target, key, receiver) {
      const index = typeof key === 'string' ? arrayIndex(key) : undefined;
      if (index === undefined) return Reflect.get(target, key, receiver) as unknown;
      return index < length ? read(index) : undefined;
    },
    set(target, key, value, receiver) {
      const index = typeof key === 'string' ? arrayIndex(key) : undefined;
      if (index === undefined) return Reflect.set(target, key, value, receiver);
      if (index >= length) table.push(...new Array<null>(index - length + 1).fill(null));
      write(index, value);
      return true;
    },
  });
}

function arrayIndex(key: string): number | undefined {
  if (!/^(?:0|[1-9]\d*)$/.test(key)) return undefined;
  const index = Number(key);
  return index < 2 ** 32 - 1 ? index : undefined;
}
