// A number (or a few bytes) per entry of a long batch, in typed arrays of a fixed length. A typed
// array grown by doubling holds up to twice what it needs, and while it grows the old array and
// the new one are both alive: at 100,000 letters, the manifest's columns took 7.5 MB where they
// needed 4.5, and 11 MB for a moment. Chunks take what they need, one chunk more at most, and never
// copy; a chunk in which nothing but zeros was ever written is not made at all (the print file's
// page numbers in a run of separate files, say).

import { ChunkStore, type Chunk } from './chunk-store.js';

/** Entries per chunk: large enough that chunks are few, small enough that the last one wastes little. */
const CHUNK_ENTRIES = 4096;

/**
 * A column of unsigned integers, each read and written by entry index; unwritten entries read 0.
 * Given a spill file, complete chunks can move there (spillBefore) and are read back when needed.
 */
export class ChunkedColumn {
  readonly #store: ChunkStore<Chunk>;
  readonly #max: number;

  /** `bits`: the size of each value; set() refuses a value that does not fit. `spillTo`: see ChunkStore. */
  constructor(bits: 8 | 16 | 32, spillTo?: string) {
    this.#max = 2 ** bits - 1;
    const make = bits === 8 ? () => new Uint8Array(CHUNK_ENTRIES) : bits === 16 ? () => new Uint16Array(CHUNK_ENTRIES) : () => new Uint32Array(CHUNK_ENTRIES);
    this.#store = new ChunkStore<Chunk>(make, spillTo);
  }

  get(index: number): number {
    return this.#store.reading(Math.floor(index / CHUNK_ENTRIES))?.[index % CHUNK_ENTRIES] ?? 0;
  }

  set(index: number, value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > this.#max) throw new RangeError(`${value} does not fit in the column`);
    const c = Math.floor(index / CHUNK_ENTRIES);
    if (value === 0 && this.#store.reading(c) === undefined) return;
    this.#store.writing(c)[index % CHUNK_ENTRIES] = value;
  }

  /** Moves the chunks that lie wholly before entry `index` to the spill file, if there is one. */
  spillBefore(index: number): void {
    this.#store.spillBefore(Math.floor(index / CHUNK_ENTRIES));
  }

  /** Deletes the spill file, once the column is no longer needed. */
  dispose(): void {
    this.#store.dispose();
  }
}

/**
 * A column of `width` bytes per entry (a hash, say); unwritten entries read as zeros. Given a
 * spill file, complete chunks can move there (spillBefore) and are read back when needed.
 */
export class ChunkedBytes {
  // Buffers, so that an entry reads and writes as hex with no copy: a copy per hash came from
  // Buffer's shared pool and left 3 MB of it behind at the end of 100,000 letters.
  readonly #store: ChunkStore<Buffer>;
  readonly #width: number;

  /** `spillTo`: see ChunkStore. */
  constructor(width: number, spillTo?: string) {
    this.#width = width;
    this.#store = new ChunkStore(() => Buffer.alloc(CHUNK_ENTRIES * width), spillTo);
  }

  /** The entry's bytes: a view into the column, valid until the entry is written again or another chunk is read back. */
  get(index: number): Buffer {
    const chunk = this.#store.reading(Math.floor(index / CHUNK_ENTRIES));
    const start = (index % CHUNK_ENTRIES) * this.#width;
    return chunk === undefined ? Buffer.alloc(this.#width) : chunk.subarray(start, start + this.#width);
  }

  set(index: number, bytes: Uint8Array): void {
    if (bytes.length !== this.#width) throw new Error(`expected ${this.#width} bytes, got ${bytes.length}`);
    this.#store.writing(Math.floor(index / CHUNK_ENTRIES)).set(bytes, (index % CHUNK_ENTRIES) * this.#width);
  }

  /** Sets the entry's bytes from hexadecimal digits, two per byte. */
  setHex(index: number, hex: string): void {
    if (hex.length !== this.#width * 2 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`expected ${this.#width * 2} hexadecimal digits, got ${JSON.stringify(hex)}`);
    this.#store.writing(Math.floor(index / CHUNK_ENTRIES)).write(hex, (index % CHUNK_ENTRIES) * this.#width, this.#width, 'hex');
  }

  /** Moves the chunks that lie wholly before entry `index` to the spill file, if there is one. */
  spillBefore(index: number): void {
    this.#store.spillBefore(Math.floor(index / CHUNK_ENTRIES));
  }

  /** Deletes the spill file, once the column is no longer needed. */
  dispose(): void {
    this.#store.dispose();
  }
}
