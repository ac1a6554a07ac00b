// The chunks of a column (chunked-column.ts) by number, each made when first written. Given a
// spill file, chunks that are complete can move there (spillBefore) and are read back when asked
// for: what a long batch keeps per letter until its end, and seldom reads, is then on disk.
import { SpillFile } from './spill-file.js';

/** A chunk: a typed array of unsigned integers (or a Buffer, for bytes). */
export type Chunk = Uint8Array | Uint16Array | Uint32Array;

// Chunks read back from the spill file kept at once: entries are mostly read in about the order
// they were written, so each chunk is read about once.
const READ_BACK_CHUNKS = 4;

export class ChunkStore<T extends Chunk> {
  readonly #chunks: (T | undefined)[] = [];
  readonly #make: () => T;
  #spill: SpillFile | undefined;
  // Chunks in the spill file; chunks before #spillFrom have been looked at by spillBefore().
  readonly #spilled = new Set<number>();
  #spillFrom = 0;
  // Chunks read back from the spill file, the most recently used last.
  readonly #readBack = new Map<number, T>();

  /** `make` makes an empty chunk; `spillTo`: the file to move chunks to, else they stay in memory. */
  constructor(make: () => T, spillTo?: string) {
    this.#make = make;
    if (spillTo !== undefined) this.#spill = new SpillFile(spillTo, bytesOf(make()).length);
  }

  /**
   * The chunk to read from, or undefined if nothing was ever written in it. A chunk read back from
   * the spill file is valid until another one is.
   */
  reading(c: number): T | undefined {
    return this.#chunks[c] ?? (this.#spilled.has(c) ? this.#readBackChunk(c) : undefined);
  }

  /** The chunk to write into: made, or taken back into memory from the spill file. */
  writing(c: number): T {
    let chunk = this.#chunks[c];
    if (chunk === undefined) {
      chunk = this.#make();
      if (this.#spilled.has(c)) bytesOf(chunk).set(bytesOf(this.#readBackChunk(c)));
      this.#spilled.delete(c);
      this.#readBack.delete(c);
      this.#chunks[c] = chunk;
      // A chunk taken back is spilled again with the next ones.
      this.#spillFrom = Math.min(this.#spillFrom, c);
    }
    return chunk;
  }

  /**
   * Moves chunks numbered below `end` to the spill file. If the file cannot be written (a full
   * disk), chunks stay in memory from then on.
   */
  spillBefore(end: number): void {
    for (; this.#spill !== undefined && this.#spillFrom < end; this.#spillFrom++) {
      const chunk = this.#chunks[this.#spillFrom];
      if (chunk === undefined) continue;
      try {
        this.#spill.write(this.#spillFrom, bytesOf(chunk));
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
      const chunk = this.#make();
      this.#spill!.read(c, bytesOf(chunk));
      this.#chunks[c] = chunk;
    }
    this.#spilled.clear();
    try {
      this.dispose();
    } catch {
      // What it held is in memory again; a file left in the run's state folder is harmless.
    }
  }

  #readBackChunk(c: number): T {
    let chunk = this.#readBack.get(c);
    if (chunk !== undefined) {
      this.#readBack.delete(c);
    } else {
      if (this.#spill === undefined) throw new Error('entries read after the column was disposed of');
      const oldest = this.#readBack.size >= READ_BACK_CHUNKS ? this.#readBack.keys().next().value : undefined;
      chunk = oldest === undefined ? this.#make() : this.#readBack.get(oldest)!;
      if (oldest !== undefined) this.#readBack.delete(oldest);
      this.#spill.read(c, bytesOf(chunk));
    }
    this.#readBack.set(c, chunk);
    return chunk;
  }
}

function bytesOf(chunk: Chunk): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
