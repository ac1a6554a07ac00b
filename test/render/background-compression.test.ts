import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressPagesInBackground, type DeflatePage } from '../../src/render/background-compression.js';
import { collectBytes } from '../../src/render/pdf-document.js';
import { extractPdfText, readPdfInfo } from '../helpers/pdf.js';
import { PDFDocument, PINNED_DATE as date } from '../helpers/pdfkit-document.js';

// What each page holds: text, or nothing (a blank back in duplex).
type Page = { text: string } | { blank: true };

// A document of `pages`, with pdfkit compressing page contents itself or in the background;
// `settleAfter` says after which pages the caller settles (as the print file does between letters).
async function document(pages: readonly Page[], background: boolean, settleAfter: (index: number) => boolean = () => true, deflatePage?: DeflatePage): Promise<Buffer> {
  const pdf = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: 'background', CreationDate: date, ModDate: date } });
  const compression = background ? compressPagesInBackground(pdf, deflatePage) : undefined;
  const bytes = collectBytes(pdf);
  for (const [index, page] of pages.entries()) {
    pdf.addPage({ size: 'A4', margin: 50 });
    if ('text' in page) pdf.text(page.text);
    if (compression && settleAfter(index)) await compression.settle();
  }
  await compression?.stop();
  pdf.end();
  return Buffer.from(await bytes);
}

const pages: Page[] = [
  { text: 'Dear Minister, '.repeat(200) },
  { blank: true },
  { text: 'To the Prosecutor General, '.repeat(100) },
  { text: 'Page four' },
  { blank: true },
  { text: 'Yours sincerely' },
];

describe('compressPagesInBackground', () => {
  it('writes the same bytes as pdfkit compressing each page itself', async () => {
    const plain = await document(pages, false);
    expect(await document(pages, true)).toEqual(plain);
  });

  it('writes the same bytes when pages end before the caller settles (a letter of several pages)', async () => {
    const plain = await document(pages, false);
    // Settling only now and then, or never: pages that end meanwhile wait, and are written in order
    // when the caller settles or stops.
    expect(await document(pages, true, (index) => index === 3)).toEqual(plain);
    expect(await document(pages, true, () => false)).toEqual(plain);
  });

  it('writes the same bytes with a deflate of its own, or one that fails (the page is compressed here instead)', async () => {
    const plain = await document(pages, false);
    let asked = 0;
    // Answers out of order, after a few turns of the event loop.
    const elsewhere: DeflatePage = (raw) => {
      asked += 1;
      return new Promise((resolve) => setTimeout(() => resolve(deflateSync(raw)), raw.length % 7));
    };
    expect(await document(pages, true, () => true, elsewhere)).toEqual(plain);
    // Pages ended after stop() (the last) are compressed by pdfkit itself.
    expect(asked).toBeGreaterThanOrEqual(3);
    const failing: DeflatePage = () => Promise.reject(new Error('no zlib here'));
    expect(await document(pages, true, (index) => index % 2 === 0, failing)).toEqual(plain);
  });

  it('makes a PDF that a reader opens, with every page and its text', async () => {
    const bytes = await document(pages, true);
    expect((await readPdfInfo(bytes)).pages).toBe(pages.length);
    const text = await extractPdfText(bytes);
    expect(text).toContain('Dear Minister');
    expect(text).toContain('To the Prosecutor General');
    expect(text).toContain('Yours sincerely');
  });
});
