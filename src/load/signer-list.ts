// The signers of a batch, held compactly. A Signer as an object graph (the signer, its sender,
// the address array and a string per field) is some 600 bytes in V8; a batch keeps every signer
// for the whole run, and a section office's file may have 50,000 rows. Here a signer is one
// string of its fields and a line number in a typed array, ~100 bytes, made back into a Signer
// when a letter needs it (and dropped with the letter).
import type { Sender } from '../schema/sender-schema.js';
import type { Signer } from './load-signers.js';
import { grown } from '../compact/typed-arrays.js';

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

/** Signers stored as one string each; rows are numbered from 1 in the order they are added. */
export class CompactSignerList implements SignerList {
  readonly #records: string[] = [];
  #lines = new Uint32Array(256);
  #returnAddress = new Uint8Array(256);

  get length(): number {
    return this.#records.length;
  }

  /** Adds the signer of the next row (its `row` must be length + 1). */
  add(signer: Signer): void {
    const index = this.#records.length;
    if (signer.row !== index + 1) throw new Error(`signer rows must follow each other: expected ${index + 1}, got ${signer.row}`);
    const { name, address, postcode, city, country, email } = signer.sender;
    const fields = [name ?? '', (address ?? []).join(LINE), postcode ?? '', city ?? '', country ?? '', email ?? ''];
    if (fields.some((field) => field.includes(FIELD))) throw new Error(`row ${signer.row}: a field holds a control character`);
    if ((address ?? []).some((line) => line === '' || line.includes(LINE))) throw new Error(`row ${signer.row}: an address line is empty or holds a control character`);
    if (index === this.#lines.length) {
      this.#lines = grown(this.#lines);
      this.#returnAddress = grown(this.#returnAddress);
    }
    this.#lines[index] = signer.line;
    this.#returnAddress[index] = signer.useReturnAddress ? 1 : 0;
    // join() makes one flat string; concatenation would keep a tree of its pieces.
    this.#records.push(fields.join(FIELD));
  }

  at(index: number): Signer | undefined {
    const i = index < 0 ? this.#records.length + index : index;
    const record = this.#records[i];
    if (record === undefined) return undefined;
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
    return { row: i + 1, line: this.#lines[i]!, sender, useReturnAddress: this.#returnAddress[i] === 1 };
  }

  *[Symbol.iterator](): Iterator<Signer> {
    for (let i = 0; i < this.#records.length; i++) yield this.at(i)!;
  }
}
