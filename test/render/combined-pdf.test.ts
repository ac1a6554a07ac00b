import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { createCombinedPdf, type CoverSheet } from '../../src/render/combined-pdf.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { arabic, english, long, russian } from '../helpers/letter-documents.js';
import {
  extractPdfTextItems,
  pdffonts,
  pdftotext,
  qpdfCheck,
  readPdfInfo,
  skipWithout,
  toolOutput,
} from '../helpers/pdf.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T09:30:00Z');

const cover: CoverSheet = {
  heading: 'UA 129/10: Uzbeks at risk of forcible return',
  recipientLines: english.recipientLines,
  rows: [
    { label: 'Action', value: 'UA 129/10 (EUR 57/004/2010)' },
    { label: 'Letters', value: '3' },
    { label: 'Send before', value: '12 November 2010' },
  ],
};

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-combined-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The print file of the tests: a cover sheet, a one-page letter, a blank back side, a long
// letter and a Russian one. Returns the page counts addX() reported and the file's path.
async function writeBatch(name: string): Promise<{ path: string; added: number[]; pageCount: number }> {
  const path = join(tmp, name);
  const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts, date, title: 'UA 129/10', language: 'en' });
  const added = [pdf.addCoverSheet(cover), pdf.addLetter(english)];
  pdf.addBlankPage();
  added.push(pdf.addLetter(long), pdf.addLetter(russian));
  await pdf.end();
  return { path, added, pageCount: pdf.pageCount };
}

function pageTexts(items: Awaited<ReturnType<typeof extractPdfTextItems>>, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    items
      .filter((item) => item.page === i + 1)
      .map((item) => item.text)
      .join(' ')
      .replace(/\s+/g, ' '),
  );
}

describe('createCombinedPdf', () => {
  it('puts the cover first and starts each letter on a new page, numbered per letter', async () => {
    const { path, added, pageCount } = await writeBatch('batch.pdf');
    const [, , longPages = 0] = added;
    expect(longPages).toBeGreaterThanOrEqual(2);
    expect(added).toEqual([1, 1, longPages, 1]);
    expect(pageCount).toBe(4 + longPages);
    const bytes = readFileSync(path);
    expect((await readPdfInfo(bytes)).pages).toBe(pageCount);

    const pages = pageTexts(await extractPdfTextItems(bytes), pageCount);
    expect(pages[0]).toContain(cover.heading);
    expect(pages[0]).toContain('Serik Baimaganbetov Minister of Internal Affairs');
    expect(pages[0]).toContain('Send before 12 November 2010');

    expect(pages[1]).toContain(english.dateLine);
    expect(pages[1]).toContain('Yours sincerely, Anna Schmidt');
    expect(pages[1]).not.toMatch(/Page \d/);
    expect(pages[2]).toBe('');

    for (let n = 1; n <= longPages; n++) {
      const page = pages[2 + n]!;
      expect(page).toContain(`Seite ${n} von ${longPages}`);
      if (n === 1) expect(page).toContain(long.subjectLine);
      else expect(page).toContain(long.recipientShort);
    }
    expect(pages[3 + longPages]).toContain('Уважаемый господин министр!');
    expect(pages[3 + longPages]).not.toMatch(/Страница|Seite/);
  });

  it('gives identical bytes for identical input', async () => {
    const first = await writeBatch('first.pdf');
    const second = await writeBatch('second.pdf');
    expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
  });

  it('adds no page for a letter it refuses, and goes on', async () => {
    const path = join(tmp, 'refused.pdf');
    const pdf = createCombinedPdf(createWriteStream(path), { paper: 'letter', fonts, date, title: 'Refused' });
    const tooLong = { ...english, recipientLines: Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`) };
    expect(() => pdf.addLetter(tooLong)).toThrow(UaError);
    expect(pdf.pageCount).toBe(0);
    expect(pdf.addLetter(english)).toBe(1);
    await pdf.end();
    expect((await readPdfInfo(readFileSync(path))).pages).toBe(1);
  });

  it('waits for a slow sink and reports a failing one', async () => {
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 0);
      },
    });
    const pdf = createCombinedPdf(slow, { paper: 'a4', fonts, date, title: 'Slow' });
    for (let i = 0; i < 20; i++) {
      pdf.addLetter(english);
      await pdf.drained();
    }
    await pdf.end();
    expect((await readPdfInfo(Buffer.concat(chunks))).pages).toBe(20);

    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    const broken = createCombinedPdf(failing, { paper: 'a4', fonts, date, title: 'Broken' });
    // The error comes back from the sink a little later: then the next call reports it.
    let reported: unknown = null;
    for (let i = 0; i < 10 && reported === null; i++) {
      try {
        broken.addLetter(english);
        await broken.drained();
        await new Promise((resolve) => setTimeout(resolve, 5));
      } catch (error) {
        reported = error;
      }
    }
    expect(reported).toMatchObject({ message: 'disk full' });
    expect(() => broken.addLetter(english)).toThrow('disk full');
    await expect(broken.end()).rejects.toThrow('disk full');
  });

  it.skipIf(skipWithout('pdffonts'))('sets each letter in its own fonts: Arabic in DejaVu Sans', async () => {
    const path = join(tmp, 'mixed.pdf');
    const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts, date, title: 'Mixed' });
    pdf.addLetter(english);
    pdf.addLetter(arabic, loadFontSet({}, 'ar'));
    pdf.addLetter(russian);
    await pdf.end();
    const { stdout } = toolOutput(await pdffonts(path));
    const names = stdout.split('\n').slice(2).filter((row) => row.trim() !== '').map((row) => row.split(/\s+/)[0]!.slice(7));
    expect(names.sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic']);
    const pages = toolOutput(await pdftotext(path)).stdout.split('\f');
    expect(pages[1]).toContain('Nigmatulla Nabiev');
    expect(pages[1]).toMatch(/معالي الوزير/u);
    expect(pages[2]).toContain('Уважаемый господин министр!');
  });

  it.skipIf(skipWithout('qpdf'))('passes qpdf --check', async () => {
    const { path } = await writeBatch('check.pdf');
    const { status, stdout } = toolOutput(await qpdfCheck(path));
    expect(status).toBe(0);
    expect(stdout).toContain('No syntax or stream encoding errors found');
  });

  it.skipIf(skipWithout('pdffonts'))('embeds every font once, as a subset', async () => {
    const { path } = await writeBatch('fonts.pdf');
    const { status, stdout } = toolOutput(await pdffonts(path));
    expect(status).toBe(0);
    const rows = stdout.split('\n').slice(2).filter((row) => row.trim() !== '');
    const names = rows.map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names.sort()).toEqual(['DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic']);
    for (const row of rows) expect(row.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
  });
});
