// The end of a long document written as its sink takes it. pdfkit's end() writes the
// cross-reference table in one go, a line of 20 bytes per object, into its stream faster than a
// file takes them: a print file of 100,000 letters (300,000 objects) had 6 MB of it waiting in
// memory at once, and made a string for each line on the way; its end peaked 11 MB above the
// rest of the run. Here the table's lines are made as bytes, a block at a time, each block once
// the sink has room for it; the lines before and after them (the table's head and the trailer)
// are pdfkit's own. The bytes are the same.
// Relies on pdfkit 0.20's _finalize (it writes its lines with _write, reads the length of
// _offsets and iterates them, and ends with push(null)); if it does otherwise, pdfkit's own runs.
import type { Pdf } from './pdf-document.js';

/** The pdfkit internals this module relies on (PDFDocument in pdfkit 0.20). */
interface DocumentInternals {
  _finalize?: unknown;
  readonly _offsets?: unknown;
  readonly _write?: unknown;
  readonly push?: unknown;
}

/** What pdfkit's _finalize writes around the table's entries: lines before them, and after. */
interface TableFrame {
  readonly head: readonly string[];
  readonly tail: readonly string[];
}

// Entries per block: 4096 lines of 20 bytes, 80 kB, as much as a block writer gathers (64 kB).
const ENTRIES_PER_BLOCK = 4096;
const ENTRY_BYTES = 20;
// What follows an entry's ten digits: generation 0, in use, the end of the line.
const ENTRY_END = Buffer.from(' 00000 n \n', 'latin1');

/**
 * Makes the document write its cross-reference table block by block when it ends, awaiting
 * `room()` after each block (it resolves once the sink has taken what was written down to a few
 * blocks, and rejects if writing failed, which then fails the document).
 */
export function paceCrossReferenceTable(pdf: Pdf, room: () => Promise<void>): void {
  const internals = pdf as unknown as DocumentInternals;
  if (typeof internals._finalize !== 'function') return;
  const finalize = internals._finalize as (this: unknown) => unknown;
  internals._finalize = function (this: DocumentInternals): unknown {
    const frame = frameOf(finalize, this);
    if (frame === undefined) return finalize.call(this);
    writePaced(this as Required<DocumentInternals> & Writer, frame, room).catch((error: unknown) => {
      pdf.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return undefined;
  };
}

interface Writer {
  _write(data: string | Uint8Array): void;
  readonly _offsets: Iterable<unknown>;
  push(chunk: Uint8Array | null): boolean;
}

// Runs pdfkit's _finalize on a stand-in for the document that has no entries to write and
// keeps what it writes; undefined if that is not a table's head, nothing, and a trailer.
function frameOf(finalize: (this: unknown) => unknown, doc: DocumentInternals): TableFrame | undefined {
  const offsets = doc._offsets as { readonly length?: unknown } | undefined;
  if (typeof offsets?.length !== 'number' || typeof doc._write !== 'function' || typeof doc.push !== 'function') return undefined;
  const lines: unknown[] = [];
  let ended = false;
  const standIn = Object.create(doc as object, {
    _write: { value: (data: unknown) => void lines.push(data) },
    _offsets: { value: { length: offsets.length, *[Symbol.iterator]() {} } },
    push: { value: (chunk: unknown) => ((ended ||= chunk === null), true) },
  }) as DocumentInternals;
  try {
    finalize.call(standIn);
  } catch {
    return undefined;
  }
  const strings = lines.filter((line): line is string => typeof line === 'string');
  const trailer = strings.indexOf('trailer');
  if (!ended || strings.length !== lines.length || strings[0] !== 'xref' || trailer !== 3 || strings[2] !== '0000000000 65535 f ' || strings.at(-1) !== '%%EOF') {
    return undefined;
  }
  return { head: strings.slice(0, trailer), tail: strings.slice(trailer) };
}

async function writePaced(doc: Writer, frame: TableFrame, room: () => Promise<void>): Promise<void> {
  for (const line of frame.head) doc._write(line);
  let block = Buffer.allocUnsafe(ENTRIES_PER_BLOCK * ENTRY_BYTES);
  let filled = 0;
  for (const offset of doc._offsets) {
    writeEntry(block, filled * ENTRY_BYTES, offset);
    filled += 1;
    if (filled < ENTRIES_PER_BLOCK) continue;
    doc._write(block);
    await room();
    block = Buffer.allocUnsafe(ENTRIES_PER_BLOCK * ENTRY_BYTES);
    filled = 0;
  }
  if (filled > 0) doc._write(block.subarray(0, filled * ENTRY_BYTES));
  for (const line of frame.tail) doc._write(line);
  doc.push(null);
}

// An entry as pdfkit writes it: the offset in ten digits (`0000000000${offset}`.slice(-10)),
// then ENTRY_END.
function writeEntry(block: Buffer, at: number, offset: unknown): void {
  if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 && offset < 1e10) {
    let rest = offset;
    for (let i = 9; i >= 0; i--) {
      block[at + i] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  } else {
    block.write(`0000000000${String(offset)}`.slice(-10), at, 10, 'latin1');
  }
  ENTRY_END.copy(block, at + 10);
}
