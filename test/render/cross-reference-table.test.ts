import { describe, expect, it } from 'vitest';
import { collectBytes } from '../../src/render/pdf-document.js';
import { paceCrossReferenceTable } from '../../src/render/cross-reference-table.js';
import { useCompactOffsets, writeInBlocks } from '../../src/render/pdf-memory.js';
import { PDFDocument, PINNED_DATE as date } from '../helpers/pdfkit-document.js';

interface DocumentOptions {
  /** Paces the table (compact, as a print file is) with this room(), given what tells the bytes out so far. */
  readonly room?: (emitted: () => number) => Promise<void>;
  /** Has pdfkit write a comment before its table, as a pdfkit that ends documents otherwise might. */
  readonly commentFirst?: boolean;
}

// A document of one page and `objects` more objects (each a line of the cross-reference table).
function document(objects: number, options: DocumentOptions = {}): Promise<Uint8Array> {
  const pdf = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: 'table', CreationDate: date, ModDate: date } });
  let emitted = 0;
  pdf.on('data', (chunk: Uint8Array) => (emitted += chunk.length));
  if (options.commentFirst) {
    const internals = pdf as unknown as { _finalize: (this: { _write(line: string): void }) => void };
    const finalize = internals._finalize;
    internals._finalize = function () {
      this._write('%');
      finalize.call(this);
    };
  }
  const { room } = options;
  if (room) {
    useCompactOffsets(pdf);
    writeInBlocks(pdf);
    paceCrossReferenceTable(pdf, () => room(() => emitted));
  }
  const bytes = collectBytes(pdf);
  pdf.addPage({ size: 'A4' });
  pdf.text('A page');
  for (let i = 0; i < objects; i++) pdf.ref({ N: i }).end(undefined); // an object with no stream (the typings want a chunk)
  pdf.end();
  return bytes;
}

describe('paceCrossReferenceTable', () => {
  it('writes the bytes pdfkit writes, a block of the table at a time, waiting for room after each', async () => {
    const plain = Buffer.from(await document(20_000));
    const emittedAtWaits: number[] = [];
    // The bytes out once the stream has passed on what was pushed before the wait.
    const room = (emitted: () => number) => new Promise<void>((resolve) => setImmediate(() => resolve(void emittedAtWaits.push(emitted()))));
    const paced = Buffer.from(await document(20_000, { room }));
    expect(paced.equals(plain)).toBe(true);
    const start = paced.indexOf('\nxref\n') + 1;
    expect(paced.length - start).toBeGreaterThan(20_000 * 20);
    // 20,000 objects and pdfkit's own (catalog, pages, info, fonts...): four full blocks of
    // 4,096 lines, then the rest without a wait; each wait once one more block (80 kB) is out.
    expect(emittedAtWaits).toHaveLength(4);
    emittedAtWaits.forEach((emitted, i) => {
      expect(emitted).toBeGreaterThan(start + (i + 1) * 4096 * 20);
      expect(emitted).toBeLessThan(start + (i + 1) * 4096 * 20 + 100);
    });
  });

  it('fails the document when there is no room any more (the sink failed)', async () => {
    await expect(document(10_000, { room: () => Promise.reject(new Error('disk full')) })).rejects.toThrow('disk full');
  });

  it('leaves pdfkit to end the document when its end writes something else than a table and a trailer', async () => {
    let waits = 0;
    const paced = await document(10_000, { commentFirst: true, room: async () => void waits++ });
    expect(waits).toBe(0);
    expect(Buffer.from(paced).equals(Buffer.from(await document(10_000, { commentFirst: true })))).toBe(true);
  });
});
