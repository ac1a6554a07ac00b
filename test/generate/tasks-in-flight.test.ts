import { describe, expect, it } from 'vitest';
import { tasksInFlight } from '../../src/generate/tasks-in-flight.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('tasksInFlight', () => {
  it('makes room only once fewer tasks than the limit are in flight', async () => {
    const inFlight = tasksInFlight(2);
    const [a, b] = [deferred(), deferred()];
    inFlight.add(a.promise);
    await inFlight.room();
    inFlight.add(b.promise);
    let room = false;
    const waiting = inFlight.room().then(() => (room = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(room).toBe(false);
    b.resolve();
    await waiting;
    expect(room).toBe(true);
    a.resolve();
  });

  it('settles once every task has', async () => {
    const inFlight = tasksInFlight(4);
    const tasks = [deferred(), deferred(), deferred()];
    for (const task of tasks) inFlight.add(task.promise);
    let settled = false;
    const all = inFlight.settled().then(() => (settled = true));
    tasks[0]!.resolve();
    tasks[2]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    tasks[1]!.resolve();
    await all;
    expect(settled).toBe(true);
  });

  it('wakes every loop waiting for room, and settles at once with nothing in flight', async () => {
    const inFlight = tasksInFlight(1);
    await inFlight.settled();
    const task = deferred();
    inFlight.add(task.promise);
    let woken = 0;
    const waiting = [inFlight.room(), inFlight.room(), inFlight.settled()].map((p) => p.then(() => (woken += 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(0);
    task.resolve();
    await Promise.all(waiting);
    expect(woken).toBe(3);
  });

  it('keeps a loop waiting when the room it was woken for is taken before it runs', async () => {
    const inFlight = tasksInFlight(1);
    const [a, b] = [deferred(), deferred()];
    inFlight.add(a.promise);
    let room = false;
    const waiting = inFlight.room().then(() => (room = true));
    // Runs after the tracker has seen `a` settle and woken the loop, before the loop goes on.
    void a.promise.then(() => inFlight.add(b.promise));
    a.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(room).toBe(false);
    b.resolve();
    await waiting;
    expect(room).toBe(true);
  });
});
