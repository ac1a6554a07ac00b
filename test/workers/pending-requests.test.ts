import { describe, expect, it } from 'vitest';
import { PendingRequests } from '../../src/workers/pending-requests.js';

describe('PendingRequests', () => {
  it('hands out ids in order and gives each request back once, in any order', () => {
    const pending = new PendingRequests<string>();
    const ids = ['a', 'b', 'c', 'd'].map((request) => pending.add(request));
    expect(ids).toEqual([0, 1, 2, 3]);
    expect(pending.take(2)).toBe('c');
    expect(pending.take(2)).toBeUndefined();
    expect(pending.take(0)).toBe('a');
    expect(pending.take(0)).toBeUndefined();
    expect(pending.add('e')).toBe(4);
    expect(pending.take(4)).toBe('e');
    expect(pending.take(1)).toBe('b');
    expect(pending.take(3)).toBe('d');
    expect(pending.takeAll()).toEqual([]);
  });

  it('knows nothing of ids it never handed out', () => {
    const pending = new PendingRequests<string>();
    pending.add('a');
    expect(pending.take(-1)).toBeUndefined();
    expect(pending.take(1)).toBeUndefined();
    expect(pending.take(0.5)).toBeUndefined();
    expect(pending.take(0)).toBe('a');
  });

  it('matches ids after many requests answered out of order', () => {
    const pending = new PendingRequests<number>();
    const waiting: number[] = [];
    for (let n = 0; n < 1000; n++) {
      waiting.push(pending.add(n * 10));
      // Answer one of the three oldest: replies mostly, not always, come back in order.
      if (waiting.length > 3) {
        const [id] = waiting.splice(n % 3, 1);
        expect(pending.take(id!)).toBe(id! * 10);
      }
    }
    expect(pending.takeAll()).toEqual(waiting.map((id) => id * 10));
    expect(pending.take(waiting[0]!)).toBeUndefined();
    expect(pending.add(-1)).toBe(1000);
  });
});
