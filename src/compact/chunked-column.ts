// A number (or a few bytes) per entry of a long batch, in typed arrays of a fixed length. A typed
// array grown by doubling holds up to twice what it needs, and while it grows the old array and
// the new one are both alive: at 100,000 letters, the manifest's columns took 7.5 MB where they
// needed 4.5, and 11 MB for a moment. Chunks take what they need, one chunk more at most, and never
// copy; a chunk in which nothing but zeros was ever written is not made at all (the print file's
// page numbers in a run of separate files, say).

import { SpillFile } from './spill-file.js';

type Chunk = Uint8Array | Uint16Array | Uint32Array;

/** Entries per chunk: large enough that chunks are few, small enough that the last one wastes little. */
const CHUNK_ENTRIES = 4096;

/** A column of unsigned integers, each read and written by entry index; unwritten entries read 0. */
export class ChunkedColumn {
  readonly #chunks: (Chunk | undefined)[] = [];
  readonly #make: (length: number) => Chunk;
  readonly #max: number;

  /** `bits`: the size of each value; set() refuses a value that does not fit. */
  constructor(bits: 8 | 16 | 32) {
    this.#max = 2 ** bits - 1;
    this.#make = bits === 8 ? (n) => new Uint8Array(n) : bits === 16 ? (n) => new Uint16Array(n) : (n) => new Uint32Array(n);
  }

  get(index: number): number {
    return this.#chunks[Math.floor(index / CHUNK_ENTRIES)]?.[index % CHUNK_ENTRIES] ?? 0;
  }

  set(index: number, value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > this.#max) throw new RangeError(`${value} does not fit in the column`);
    const c = Math.floor(index / CHUNK_ENTRIES);
    let chunk = this.#chunks[c];
    if (chunk === undefined) {
      if (value === 0) return;
      chunk = this.#chunks[c] = this.#make(CHUNK_ENTRIES);
    }
    chunk[index % CHUNK_ENTRIES] = value;
  }
}

/**
 * A column of `width` bytes per entry (a hash, say); unwritten entries read as zeros. Given a
 * spill file, it can move its chunks there (spillBefore) and read them back when asked for them.
 */
export class ChunkedBytes {
  // Buffers, so that an entry reads and writes as hex with no copy: a copy per hash came from
  // Buffer's shared pool and left 3 MB of it behind at the end of 100,000 letters.
  readonly #chunks: (Buffer | undefined)[] = [];
  readonly #width: number;
  #spill: SpillFile | undefined;
  // Chunks in the spill file; chunks before #spillFrom have been looked at by spillBefore().
  readonly #spilled = new Set<number>();
  #spillFrom = 0;
  // Chunks read back from the spill file, the most recently used last.
  readonly #readBack = new Map<number, Buffer>();

  /** `spillTo`: the file to move chunks to; without it every chunk stays in memory. */
  constructor(width: number, spillTo?: string) {
    this.#width = width;
    if (spillTo !== undefined) this.#spill = new SpillFile(spillTo, CHUNK_ENTRIES * width);
  }

  /** The entry's bytes: a view into the column, valid until the entry is written again or another chunk is read back. */
  get(index: number): Buffer {
    const c = Math.floor(index / CHUNK_ENTRIES);
    const chunk = this.#chunks[c] ?? (this.#spilled.has(c) ? this.#readBackChunk(c) : undefined);
    const start = (index % CHUNK_ENTRIES) * this.#width;
    return chunk === undefined ? Buffer.alloc(this.#width) : chunk.subarray(start, start + this.#width);
  }

  set(index: number, bytes: Uint8Array): void {
    if (bytes.length !== this.#width) throw new Error(`expected ${this.#width} bytes, got ${bytes.length}`);
    this.#chunkOf(index).set(bytes, (index % CHUNK_ENTRIES) * this.#width);
  }

  /** Sets the entry's bytes from hexadecimal digits, two per byte. */
  setHex(index: number, hex: string): void {
    if (hex.length !== this.#width * 2 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`expected ${this.#width * 2} hexadecimal digits, got ${JSON.stringify(hex)}`);
    this.#chunkOf(index).write(hex, (index % CHUNK_ENTRIES) * this.#width, this.#width, 'hex');
  }

  /**
   * Moves the chunks that lie wholly before entry `index` to the spill file. If the file cannot
   * be written (a full disk), chunks stay in memory from then on.
   */
  spillBefore(index: number): void {
    const end = Math.floor(index / CHUNK_ENTRIES);
    for (; this.#spill !== undefined && this.#spillFrom < end; this.#spillFrom++) {
      const chunk = this.#chunks[this.#spillFrom];
      if (chunk === undefined) continue;
      try {
        this.#spill.write(this.#spillFrom, chunk);
      } catch {
        this.#stopSpilling();
        return;
      }
      this.#chunks[this.#spillFrom] = undefined;
      this.#spilled.add(this.#spillFrom);
    }
  }

  /** Deletes the spill file, once the column is no longer needed: what it held is gone. */
  dispose(): void {
    const spill = this.#spill;
    this.#spill = undefined;
    this.#readBack.clear();
    spill?.remove();
  }

  // Takes back into memory what the spill file holds, deletes it, and spills no more.
  #stopSpilling(): void {
    for (const c of this.#spilled) {
      const chunk = Buffer.alloc(CHUNK_ENTRIES * this.#width);
      this.#spill!.read(c, chunk);
      this.#chunks[c] = chunk;
    }
    this.#spilled.clear();
    try {
      this.dispose();
    } catch {
      // What it held is in memory again; a file left in the run's state folder is harmless.
    }
  }

  #chunkOf(index: number): Buffer {
    const c = Math.floor(index / CHUNK_ENTRIES);
    let chunk = this.#chunks[c];
    if (chunk === undefined) {
      // A chunk written again (entries recorded anew after a rollback) comes back into memory.
      chunk = this.#spilled.has(c) ? Buffer.from(this.#readBackChunk(c)) : Buffer.alloc(CHUNK_ENTRIES * this.#width);
      this.#spilled.delete(c);
      this.#readBack.delete(c);
      this.#chunks[c] = chunk;
    }
    return chunk;
  }

  // A few chunks read back are kept: entries are mostly read in about the order they were written.
  #readBackChunk(c: number): Buffer {
    let chunk = this.#readBack.get(c);
    if (chunk !== undefined) {
      this.#readBack.delete(c);
    } else {
      const oldest = this.#readBack.size >= READ_BACK_CHUNKS ? this.#readBack.keys().next().value : undefined;
      chunk = oldest === undefined ? Buffer.alloc(CHUNK_ENTRIES * this.#width) : this.#readBack.get(oldest)!;
      if (oldest !== undefined) this.#readBack.delete(oldest);
      if (this.#spill === undefined) throw new Error('entries read after the column was disposed of');
      this.#spill.read(c, chunk);
    }
    this.#readBack.set(c, chunk);
    return chunk;
  }
}

const READ_BACK_CHUNKS = 4;

/** A column of float64 values (byte offsets past 4 GB, say); unwritten entries read `empty`. */
export class ChunkedFloats {
  readonly #chunks: (Float64Array | undefined)[] = [];
  readonly #empty: number;

  constructor(empty: number) {
    this.#empty = empty;
  }

  get(index: number): number {
    return this.#chunks[Math.floor(index / CHUNK_ENTRIES)]?.[index % CHUNK_ENTRIES] ?? this.#empty;
  }

  set(index: number, value: number): void {
    const c = Math.floor(index / CHUNK_ENTRIES);
    let chunk = this.#chunks[c];
    if (chunk === undefined) {
      if (Object.is(value, this.#empty)) return;
      chunk = this.#chunks[c] = new Float64Array(CHUNK_ENTRIES).fill(this.#empty);
    }
    chunk[index % CHUNK_ENTRIES] = value;
  }
}
