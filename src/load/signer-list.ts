// The signers of a batch, held compactly. A Signer as an object graph (the signer, its sender,
// the address array and a string per field) is some 600 bytes in V8; a batch keeps every signer
// for the whole run, and a section office's file may have 50,000 rows. Here a signer is its fields
// as UTF-8 in large byte chunks, with its place and line number in typed arrays: ~66 bytes off
// V8's heap (one string per signer was ~86 bytes on it, 4.2 MB at 50,000 rows, and the heap
// grows by more than it holds). It is made back into a Signer when a letter needs it (and dropped
// with the letter).
import type { Sender } from '../schema/sender-schema.js';
import type { Signer } from './load-signers.js';
import { Buffer } from 'node:buffer';
import { ChunkedColumn } from '../compact/chunked-column.js';

/**
 * Signers in row order, read by index or walked. An array of Signer objects is one; loadSigners
 * returns a compact one. Each `at()` may return a new object: compare signers by `row`.
 */
export interface SignerList extends Iterable<Signer> {
  readonly length: number;
  at(index: number): Signer | undefined;
}

// Between fields, and between address lines: control characters, which a signer's field never
// holds (loadSigners refuses them).
const FIELD = '\u001f';
const LINE = '\u001e';
// In a /u pattern a pair of surrogates is one character, so this matches only unpaired ones.
const LONE_SURROGATE = /\p{Cs}/u;

// Bytes per chunk of records: a record never straddles two (one longer than a chunk gets its own).
const CHUNK_BYTES = 256 * 1024;

/** Signers stored as UTF-8 bytes; rows are numbered from 1 in the order they are added. */
export class CompactSignerList implements SignerList {
  #count = 0;
  readonly #chunks: Buffer[] = [];
  // Bytes used in the last chunk.
  #used = 0;
  readonly #chunkOf = new ChunkedColumn(32);
  readonly #start = new ChunkedColumn(32);
  readonly #length = new ChunkedColumn(32);
  readonly #lines = new ChunkedColumn(32);
  readonly #returnAddress = new ChunkedColumn(8);

  get length(): number {
    return this.#count;
  }

  /** Adds the signer of the next row (its `row` must be length + 1). */
  add(signer: Signer): void {
    const index = this.#count;
    if (signer.row !== index + 1) throw new Error(`signer rows must follow each other: expected ${index + 1}, got ${signer.row}`);
    const { name, address, postcode, city, country, email } = signer.sender;
    const fields = [name ?? '', (address ?? []).join(LINE), postcode ?? '', city ?? '', country ?? '', email ?? ''];
    if (fields.some((field) => field.includes(FIELD))) throw new Error(`row ${signer.row}: a field holds a control character`);
    if ((address ?? []).some((line) => line === '' || line.includes(LINE))) throw new Error(`row ${signer.row}: an address line is empty or holds a control character`);
    const record = fields.join(FIELD);
    // UTF-8 would turn a lone surrogate into U+FFFD: the signer would not come back as given.
    if (LONE_SURROGATE.test(record)) throw new Error(`row ${signer.row}: a field holds a lone surrogate`);
    const bytes = Buffer.byteLength(record, 'utf8');
    if (this.#chunks.length === 0 || this.#used + bytes > this.#chunks[this.#chunks.length - 1]!.length) {
      this.#chunks.push(Buffer.alloc(Math.max(CHUNK_BYTES, bytes)));
      this.#used = 0;
    }
    this.#chunks[this.#chunks.length - 1]!.write(record, this.#used, 'utf8');
    this.#chunkOf.set(index, this.#chunks.length - 1);
    this.#start.set(index, this.#used);
    this.#length.set(index, bytes);
    this.#used += bytes;
    this.#lines.set(index, signer.line);
    this.#returnAddress.set(index, signer.useReturnAddress ? 1 : 0);
    this.#count++;
  }

  at(index: number): Signer | undefined {
    const i = index < 0 ? this.#count + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.#count) return undefined;
    const start = this.#start.get(i);
    const record = this.#chunks[this.#chunkOf.get(i)]!.toString('utf8', start, start + this.#length.get(i));
    const [name = '', address = '', postcode = '', city = '', country = '', email = ''] = record.split(FIELD);
    // Every field spelled out, in one order: one hidden class for all senders (see readRow).
    const sender: Sender = {
      name: name || undefined,
      address: address === '' ? undefined : address.split(LINE),
      postcode: postcode || undefined,
      city: city || undefined,
      country: country || undefined,
      email: email || undefined,
    };
    return { row: i + 1, line: this.#lines.get(i), sender, useReturnAddress: this.#returnAddress.get(i) === 1 };
  }

  *[Symbol.iterator](): Iterator<Signer> {
    for (let i = 0; i < this.#count; i++) yield this.at(i)!;
  }
}
