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

export function tasksInFlight(limit: number): TasksInFlight {
  const tasks = new Set<Promise<void>>();
  return {
    add(task) {
      const tracked = task.finally(() => tasks.delete(tracked));
      tasks.add(tracked);
    },
    async room() {
      while (tasks.size >= limit) await Promise.race(tasks);
    },
    async settled() {
      await Promise.all(tasks);
    },
  };
}
