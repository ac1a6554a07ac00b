// Chunks of bytes of one size kept in a file by chunk number, for what a long batch must keep per
// letter until its end but seldom reads: written and read synchronously, a chunk at a time.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

export class SpillFile {
  readonly path: string;
  readonly #chunkBytes: number;
  #fd: number | undefined;

  /** `path` is made (or emptied) by the first write; remove() deletes it. */
  constructor(path: string, chunkBytes: number) {
    this.path = path;
    this.#chunkBytes = chunkBytes;
  }

  write(chunk: number, bytes: Uint8Array): void {
    if (bytes.length !== this.#chunkBytes) throw new Error(`a chunk is ${this.#chunkBytes} bytes, not ${bytes.length}`);
    const fd = (this.#fd ??= openSync(this.path, 'w+'));
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, chunk * this.#chunkBytes + at);
  }

  /** Reads chunk `chunk` into `into`; it must have been written. */
  read(chunk: number, into: Uint8Array): void {
    if (this.#fd === undefined) throw new Error(`${this.path}: chunk ${chunk} was never written`);
    for (let at = 0; at < this.#chunkBytes; ) {
      const read = readSync(this.#fd, into, at, this.#chunkBytes - at, chunk * this.#chunkBytes + at);
      if (read === 0) throw new Error(`${this.path} ends inside chunk ${chunk}`);
      at += read;
    }
  }

  /** Closes and deletes the file (one left by an earlier, killed process too). */
  remove(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.path, { force: true });
  }
}
