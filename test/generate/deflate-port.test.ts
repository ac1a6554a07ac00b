import { randomBytes } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { deflateThrough, serveDeflate } from '../../src/generate/deflate-port.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

function channel(): MessageChannel {
  const made = new MessageChannel();
  channels.push(made);
  return made;
}

// Page contents as the print file has them: drawing operators, repetitive, a few kB.
const page = (n: number): Buffer => Buffer.from(`BT /F1 11 Tf 1 0 0 -1 72 ${700 - n} Tm [<0012003400${n % 10}6> 20 <00230045>] TJ ET\n`.repeat(40 + n));

describe('deflate over a MessagePort', () => {
  it("gives deflateSync's bytes, each request its own, however many are waiting", async () => {
    const { port1, port2 } = channel();
    serveDeflate(port1);
    const deflate = deflateThrough(port2);
    const raws = [...Array.from({ length: 20 }, (_, i) => page(i)), randomBytes(5000), Buffer.alloc(0)];
    // A small Buffer is a view into a shared slab: only its own bytes go.
    const pooled = Buffer.from('q 1 0 0 -1 0 842 cm Q');
    expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength);
    raws.push(pooled);
    const compressed = await Promise.all(raws.map((raw) => deflate(raw)));
    compressed.forEach((bytes, i) => expect(Buffer.from(bytes)).toEqual(deflateSync(raws[i]!)));
  });

  it('rejects when the other side cannot compress, so the page is compressed where it was drawn', async () => {
    const { port1, port2 } = channel();
    port1.on('message', ({ id }: { id: number }) => port1.postMessage({ id, error: 'zlib failed' }));
    await expect(deflateThrough(port2)(page(1))).rejects.toThrow('zlib failed');
  });
});
