import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { createCombinedPdf, type CoverSheet } from '../../src/render/combined-pdf.js';
import type { DeflatePage } from '../../src/render/background-compression.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { renderPdf } from '../../src/render/render-pdf.js';
import type { LetterDocument } from '../../src/letter/letter-document.js';
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
  describe('text letters share', () => {
    // The same letter to the same minister from three signers in other towns.
    const signedBy = (doc: LetterDocument, name: string, town: string): LetterDocument => ({
      ...doc,
      senderLines: [name, 'Rue de la Paix 3', town],
      returnAddress: `${name} · Rue de la Paix 3 · ${town}`,
      dateLine: `${town}, 1 October 2010`,
      signatureName: name,
    });
    const signers = [
      ['Anna Schmidt', 'Berlin'],
      ['Jean Dupont', 'Paris'],
      ['Olga Petrova', 'Tallinn'],
    ] as const;
    const formsIn = (bytes: Buffer): number => bytes.toString('latin1').split('/Subtype /Form').length - 1;
    const write = async (name: string, docs: readonly LetterDocument[]): Promise<{ bytes: Buffer; pages: number[] }> => {
      const path = join(tmp, name);
      const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts, date, title: 'Shared' });
      const pages = docs.map((doc) => pdf.addLetter(doc));
      await pdf.end();
      return { bytes: readFileSync(path), pages };
    };

    it('is drawn once per file, as forms, where it is drawn in a letter of its own', async () => {
      const docs = [...signers.map(([name, town]) => signedBy(english, name, town)), ...signers.map(([name, town]) => signedBy(long, name, town))];
      const { bytes, pages } = await write('shared.pdf', docs);
      const longPages = pages[3]!;
      expect(longPages).toBeGreaterThanOrEqual(2);
      expect(pages).toEqual([1, 1, 1, longPages, longPages, longPages]);
      // A form per page that shows shared text (the one-page letter's, and the long letter's but
      // for its last, which holds only the signer's name and the copies), made when a second letter
      // draws the same text.
      expect(formsIn(bytes)).toBe(1 + longPages - 1);
      expect(formsIn((await write('one-page.pdf', docs.slice(0, 3))).bytes)).toBe(1);

      const items = await extractPdfTextItems(bytes);
      const texts = pageTexts(items, 3 + 3 * longPages);
      const alone = await extractPdfTextItems(await renderPdf(docs[1]!, { paper: 'a4', fonts, date }));
      // Where the letter's own text ends: its signer's name under the close.
      const shared = (list: typeof items) => list.filter((item) => item.y > 300 && !signers.some(([name]) => item.text.includes(name)));
      signers.forEach(([name, town], i) => {
        expect(texts[i]).toContain(`${town}, 1 October 2010`);
        expect(texts[i]).toContain(`Yours sincerely, ${name}`);
        expect(texts[i]).toContain('Ensure that no refugee or asylum-seeker is forcibly returned to Uzbekistan;');
        const page = items.filter((item) => item.page === i + 1);
        // The shared text, drawn in the page or painted as a form, where it is in a PDF of its own.
        expect(shared(page).map(({ page: _page, ...item }) => item)).toEqual(shared(alone).map(({ page: _page, ...item }) => item));
        const longLetter = texts.slice(3 + i * longPages, 3 + (i + 1) * longPages);
        longLetter.forEach((text, n) => expect(text).toContain(`Seite ${n + 1} von ${longPages}`));
        expect(longLetter[0]).toContain(`${town}, 1 October 2010`);
        expect(longLetter.join(' ')).toContain(name);
      });
    });

    it('gives the same bytes however long compressing pages takes', async () => {
      // Pages are written once their content is compressed, in turn; a form is written when it is
      // made, so what came before it must not depend on how soon compression answered.
      // Letters with other text come between, so that several pages wait for compression when the
      // second letter of a kind makes its form.
      const docs = [english, russian, english, russian, english].map((doc, i) => {
        const [name, town] = signers[i % signers.length]!;
        return signedBy(doc, name, town);
      });
      const written = async (name: string, deflatePage: DeflatePage): Promise<Buffer> => {
        const path = join(tmp, name);
        const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts, date, title: 'Shared', deflatePage });
        for (const doc of docs) {
          pdf.addLetter(doc);
          await pdf.drained();
        }
        await pdf.end();
        return readFileSync(path);
      };
      const prompt = await written('prompt.pdf', (raw) => Promise.resolve(deflateSync(raw)));
      const slow = await written('slow.pdf', (raw) => new Promise((resolve) => setTimeout(() => resolve(deflateSync(raw)), 30)));
      expect(formsIn(slow)).toBe(2);
      expect(slow.equals(prompt)).toBe(true);
    });

    it.skipIf(skipWithout('pdftotext'))('reads the same from a form as from the page in a right-to-left letter', async () => {
      // Arabic ligatures are given their presentation form as they are drawn (mapRightToLeftLigatures),
      // here into the form: the text must still extract in logical order, the same on both pages.
      const path = join(tmp, 'shared-arabic.pdf');
      const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts: loadFontSet({}, 'ar'), date, title: 'Shared' });
      for (const [name, town] of signers.slice(0, 2)) pdf.addLetter({ ...signedBy(arabic, name, town), dateLine: `${town}، 1 أكتوبر 2010` });
      await pdf.end();
      expect(formsIn(readFileSync(path))).toBe(1);
      const [first = '', second = ''] = toolOutput(await pdftotext(path)).stdout.split('\f');
      // From the subject line on: the addresses above it are each signer's own.
      const body = (page: string): string => page.slice(page.indexOf('الموضوع')).replace(/\s+/g, ' ');
      expect(first).toMatch(/معالي الوزير/u);
      expect(first).toContain('Anna Schmidt');
      expect(second).toContain('Jean Dupont');
      const shared = (page: string): string => body(page).replace(/Anna Schmidt|Jean Dupont|Berlin|Paris|Rue de la Paix 3/g, '');
      expect(shared(second)).toBe(shared(first));
      expect(shared(first)).toContain('تحية طيبة وبعد');
    });

    it('makes no form for text no other letter repeats', async () => {
      const { bytes } = await write('unshared.pdf', [english, russian, long]);
      expect(formsIn(bytes)).toBe(0);
    });

    it.skipIf(skipWithout('qpdf'))('leaves a file qpdf finds sound, its fonts embedded', async () => {
      const path = join(tmp, 'shared-check.pdf');
      const pdf = createCombinedPdf(createWriteStream(path), { paper: 'a4', fonts, date, title: 'Shared' });
      for (const [name, town] of signers) pdf.addLetter(signedBy(english, name, town));
      await pdf.end();
      const { status, stdout } = toolOutput(await qpdfCheck(path));
      expect(status).toBe(0);
      expect(stdout).toContain('No syntax or stream encoding errors found');
      const rows = toolOutput(await pdffonts(path)).stdout.split('\n').slice(2).filter((row) => row.trim() !== '');
      for (const row of rows) expect(row.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
      expect(rows.length).toBe(3);
    });
  });
});
