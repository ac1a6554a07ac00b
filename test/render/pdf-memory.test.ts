import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectBytes, type Pdf } from '../../src/render/pdf-document.js';
import { packWrittenPages, useCompactOffsets, writeInBlocks } from '../../src/render/pdf-memory.js';
import { pdftotext, qpdfCheck, readPdfInfo, skipWithout, toolOutput } from '../helpers/pdf.js';
import { PDFDocument, PINNED_DATE as date } from '../helpers/pdfkit-document.js';

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-pdf-memory-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const kidsOf = (pdf: Pdf): unknown[] => (pdf as unknown as { _root: { data: { Pages: { data: { Kids: unknown[] } } } } })._root.data.Pages.data.Kids;

// A document of `pages` pages, each saying its number, made with pdfkit alone or with the
// compact page tree and offsets; the largest page tree seen while it was written.
async function document(pages: number, compact: boolean): Promise<{ bytes: Uint8Array; largestKids: number; chunks: number[] }> {
  const pdf = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: 'memory', CreationDate: date, ModDate: date } });
  if (compact) {
    useCompactOffsets(pdf);
    writeInBlocks(pdf);
  }
  const chunks: number[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk.length));
  const bytes = collectBytes(pdf);
  let largestKids = 0;
  for (let page = 1; page <= pages; page++) {
    pdf.addPage({ size: 'A4', margin: 50 });
    if (compact) packWrittenPages(pdf);
    largestKids = Math.max(largestKids, kidsOf(pdf).length);
    pdf.text(`Page ${page} of ${pages}`);
  }
  pdf.end();
  return { bytes: await bytes, largestKids, chunks };
}

describe('packWrittenPages, useCompactOffsets and writeInBlocks', () => {
  it('write the same bytes as pdfkit alone, keeping two entries in the page tree, in blocks', async () => {
    const plain = await document(1600, false);
    const compact = await document(1600, true);
    expect(plain.largestKids).toBe(1600);
    expect(compact.largestKids).toBe(2);
    expect(Buffer.from(compact.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // pdfkit alone: a Buffer per line written (more than 4 per object); in blocks: 64 kB or more
    // each, but for the header pdfkit writes when it opens and the rest at the end.
    expect(plain.chunks.length).toBeGreaterThan(4 * 1600 * 3);
    const blocks = compact.chunks.slice(0, -1).filter((size) => size < 64 * 1024);
    expect(blocks.length).toBeLessThanOrEqual(2);
    expect(compact.chunks.length).toBeLessThan(compact.bytes.length / (64 * 1024) + 3);
  });

  it.skipIf(skipWithout('pdftotext') || skipWithout('qpdf'))('give a file whose pages come out in order', async () => {
    const { bytes } = await document(40, true);
    const path = join(tmp, 'pages.pdf');
    writeFileSync(path, bytes);
    expect((await readPdfInfo(bytes)).pages).toBe(40);
    expect(toolOutput(await qpdfCheck(path)).status).toBe(0);
    const texts = toolOutput(await pdftotext(path)).stdout.split('\f');
    expect(texts[0]).toContain('Page 1 of 40');
    expect(texts[26]).toContain('Page 27 of 40');
    expect(texts[39]).toContain('Page 40 of 40');
  });

  it('write a page tree of more pages than go in one piece of its Kids as pdfkit does', async () => {
    // Blank pages: the page tree's text, not the pages', is what this is about.
    const blank = async (compact: boolean): Promise<Uint8Array> => {
      const pdf = new PDFDocument({ autoFirstPage: false, compress: true, info: { CreationDate: date, ModDate: date } });
      if (compact) {
        useCompactOffsets(pdf);
        writeInBlocks(pdf);
      }
      const bytes = collectBytes(pdf);
      for (let page = 0; page < 4200; page++) {
        pdf.addPage({ size: 'A4' });
        if (compact) packWrittenPages(pdf);
      }
      pdf.end();
      return bytes;
    };
    const compact = Buffer.from(await blank(true));
    expect(compact.equals(Buffer.from(await blank(false)))).toBe(true);
    expect(compact.toString('latin1')).toMatch(/\/Kids \[\d+ 0 R( \d+ 0 R){4199}\]/);
  });

  it('leave a page tree alone that pdfkit has not written yet', () => {
    const pdf = new PDFDocument({ autoFirstPage: false });
    pdf.addPage();
    packWrittenPages(pdf);
    // The page being drawn has no offset yet: it stays as pdfkit made it.
    expect(kidsOf(pdf)).toHaveLength(1);
    expect(kidsOf(pdf)[0]).toBe((pdf as unknown as { page: { dictionary: unknown } }).page.dictionary);
  });
});

describe('useCompactOffsets', () => {
  it('answers as pdfkit uses its array: push, length, index, iteration', () => {
    const pdf = new PDFDocument({ autoFirstPage: false });
    const before = [...((pdf as unknown as { _offsets: (number | null)[] })._offsets)];
    useCompactOffsets(pdf);
    const offsets = (pdf as unknown as { _offsets: (number | null)[] })._offsets;
    expect(offsets).not.toBeInstanceOf(Array);
    expect([...offsets]).toEqual(before);
    const start = offsets.length;
    offsets.push(null);
    offsets.push(null);
    offsets[start + 1] = 5_000_000_123;
    expect(offsets.length).toBe(start + 2);
    expect(offsets[start]).toBeNull();
    expect(offsets[start + 1]).toBe(5_000_000_123);
    expect(offsets[start + 2]).toBeUndefined();
    expect([...offsets].slice(start)).toEqual([null, 5_000_000_123]);
    for (let i = 0; i < 10_000; i++) offsets.push(i);
    expect(offsets.length).toBe(start + 10_002);
    expect(offsets[start + 10_001]).toBe(9_999);
    expect(offsets[start + 2]).toBe(0);
    // Offsets either side of 4 GB, where the stored value (offset + 1) passes 32 bits.
    offsets[start + 3] = 2 ** 32 - 2;
    offsets[start + 4] = 2 ** 32 - 1;
    offsets[start + 5] = 2 ** 32;
    expect([offsets[start + 3], offsets[start + 4], offsets[start + 5]]).toEqual([2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32]);
    offsets[start + 5] = null;
    expect(offsets[start + 5]).toBeNull();
    expect(() => (offsets[start + 6] = 1.5)).toThrow(/byte offset/);
  });
});
