// Work a loop has started and not yet seen settle, bounded so that memory stays flat however many
// pieces there are: the letters sent to the render workers, the items sent to the print worker.

export interface TasksInFlight {
  /** Tracks a task until it settles; the task handles its own failure (it must not reject). */
  add(task: Promise<void>): void;
  /**
   * Resolves once fewer tasks than the limit are in flight. Wait before preparing the next piece,
   * not after starting it: a piece prepared and kept while waiting outlives this thread's minor
   * collections and is moved to its old generation, which V8 lets grow long before collecting it.
   */
  room(): Promise<void>;
  /** Resolves once every task has settled. */
  settled(): Promise<void>;
}

// Counted, not kept in a Set: an old Set's table is made anew every few additions in V8's old
// generation (see workers/pending-requests.ts), one addition per letter here.
export function tasksInFlight(limit: number): TasksInFlight {
  let running = 0;
  // Waiting for room or for the last task: what each waits for, and how to wake it.
  let waiters: { readonly ready: () => boolean; readonly wake: () => void }[] = [];
  const done = (): void => {
    running -= 1;
    const ready = waiters.filter((waiter) => waiter.ready());
    if (ready.length === 0) return;
    waiters = waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.wake();
  };
  // Checked again once woken: another task may have been added before the waiter ran.
  const until = async (ready: () => boolean): Promise<void> => {
    while (!ready()) await new Promise<void>((wake) => waiters.push({ ready, wake }));
  };
  return {
    add(task) {
      running += 1;
      task.then(done, done);
    },
    room: () => until(() => running < limit),
    settled: () => until(() => running === 0),
  };
}
