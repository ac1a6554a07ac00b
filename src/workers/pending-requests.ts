// Requests sent and waiting for their replies, by id: the worker pool's, and the print worker's
// pages waiting for compression. Ids are handed out in order and mostly answered in order, so
// the waiting ones are kept in an array that starts at the oldest still waiting. A Map would do
// the same, but once it is old V8 makes its table anew every few additions directly in the old
// generation, where each stays until a full collection: ~75 bytes a request, which in a batch
// of 10,000 letters was most of what still grew the main thread's heap.

export class PendingRequests<T> {
  // The id of #waiting[0], and the next id to hand out.
  #first = 0;
  #next = 0;
  readonly #waiting: (T | undefined)[] = [];

  /** Keeps `request` until take(); returns its id. */
  add(request: T): number {
    const id = this.#next++;
    this.#waiting.push(request);
    return id;
  }

  /** Removes and returns the request of `id`; undefined if none waits under it (answered already, or never sent). */
  take(id: number): T | undefined {
    const at = id - this.#first;
    if (!Number.isInteger(at) || at < 0 || at >= this.#waiting.length) return undefined;
    const request = this.#waiting[at];
    this.#waiting[at] = undefined;
    while (this.#waiting.length > 0 && this.#waiting[0] === undefined) {
      this.#waiting.shift();
      this.#first += 1;
    }
    return request;
  }

  /** Removes and returns every request still waiting, oldest first. */
  takeAll(): T[] {
    const all = this.#waiting.filter((request): request is T => request !== undefined);
    this.#first = this.#next;
    this.#waiting.length = 0;
    return all;
  }
}
