import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/render/fonts.js';
import { DEFAULT_FAX_LABELS, type FaxHeader } from '../../src/render/fax-header.js';
import { renderFax } from '../../src/render/render-fax.js';
import { arabic, english, long } from '../helpers/letter-documents.js';
import { extractPdfTextItems, readPdfInfo, type PdfTextItem } from '../helpers/pdf.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T09:30:00Z');

const header: FaxHeader = {
  to: 'Serik Baimaganbetov, Minister of Internal Affairs',
  number: '+7 7172 72 40 40',
  fromFax: '+49 30 1234567',
  labels: DEFAULT_FAX_LABELS,
};

// The rows of the fax header on page 1: each label with the text on its baseline.
function headerRows(items: readonly PdfTextItem[]): [string, string][] {
  const firstPage = items.filter((i) => i.page === 1);
  const labels = new Set(Object.values(DEFAULT_FAX_LABELS).concat(['An', 'Von', 'Seiten', 'Datum']));
  return firstPage
    // Labels in the left column, in body type (the heading "Fax" is larger).
    .filter((item) => labels.has(item.text) && item.x < 80 && item.size < 12)
    .map((label) => [
      label.text,
      firstPage
        .filter((other) => other !== label && Math.abs(other.y - label.y) < 0.5)
        .map((other) => other.text)
        .join(' '),
    ]);
}

describe('renderFax', () => {
  it('heads page 1 with to, fax numbers, from, pages and date instead of the window addresses', async () => {
    const items = await extractPdfTextItems(await renderFax(english, header, { paper: 'a4', fonts, date }));
    expect(items[0]).toMatchObject({ text: 'Fax', size: 18 });
    expect(headerRows(items)).toEqual([
      ['To', header.to],
      ['Fax', header.number],
      ['From', 'Anna Schmidt, Lindenstraße 12, 10969 Berlin, GERMANY'],
      ['Fax', '+49 30 1234567'],
      ['Pages', '1'],
      ['Date', english.dateLine],
    ]);
    const texts = items.map((i) => i.text);
    // No return address, recipient block or sender block: a fax has no envelope.
    expect(texts).not.toContain(english.returnAddress);
    expect(texts).not.toContain('ul. Manasa, 4');
    expect(texts).not.toContain('Lindenstraße 12');
    // The letter follows below the header.
    const dateRow = items.find((i) => i.text === 'Date')!;
    const dateLine = items.find((i) => i.text === english.dateLine && i.y > dateRow.y + 1);
    expect(dateLine).toBeDefined();
    expect(texts).toContain(english.subjectLine);
  });

  it('counts the pages of a long letter, in the labels given, or takes the count given', async () => {
    const labels = { to: 'An', from: 'Von', fax: 'Fax', pages: 'Seiten', date: 'Datum' };
    const doc = { ...long, senderLines: null };
    const bytes = await renderFax(doc, { ...header, fromFax: undefined, labels }, { paper: 'letter', fonts, date });
    const pages = (await readPdfInfo(bytes)).pages;
    expect(pages).toBeGreaterThanOrEqual(2);
    const items = await extractPdfTextItems(bytes);
    expect(headerRows(items)).toEqual([
      ['An', header.to],
      ['Fax', header.number],
      // No sender: a line to write on.
      ['Von', ''],
      ['Seiten', String(pages)],
      ['Datum', long.dateLine],
    ]);
    expect(items.filter((i) => i.page === pages).map((i) => i.text)).toContain(`Seite ${pages} von ${pages}`);

    const withEnclosures = await renderFax(doc, { ...header, pages: pages + 2 }, { paper: 'letter', fonts, date });
    expect(headerRows(await extractPdfTextItems(withEnclosures))).toContainEqual(['Pages', String(pages + 2)]);
  });

  it('mirrors the header of a right-to-left letter: labels on the right, values to their left', async () => {
    const labels = { to: 'إلى', from: 'من', fax: 'فاكس', pages: 'الصفحات', date: 'التاريخ' };
    const bytes = await renderFax(arabic, { ...header, labels }, { paper: 'a4', fonts: loadFontSet({}, 'ar'), date });
    const items = (await extractPdfTextItems(bytes)).filter((i) => i.page === 1);
    const right = 190 * (72 / 25.4);
    const label = items.find((i) => i.text === 'الصفحات')!;
    expect(label.x + label.width).toBeCloseTo(right, 0);
    const value = items.find((i) => i.text === '1' && Math.abs(i.y - label.y) < 0.5)!;
    expect(value.x + value.width).toBeLessThan(label.x);
    // A fax number keeps its left-to-right order inside the right-to-left table.
    expect(items.find((i) => Math.abs(i.y - label.y) > 1 && i.text === header.number)).toBeDefined();
  });

  it('refuses a page count below the letter’s own', async () => {
    await expect(renderFax(long, { ...header, pages: 1 }, { paper: 'a4', fonts, date })).rejects.toMatchObject({
      code: 'render/fax-pages',
    });
    await expect(renderFax(english, { ...header, pages: 0 }, { paper: 'a4', fonts, date })).rejects.toMatchObject({
      code: 'render/fax-pages',
    });
  });

  it('gives identical bytes for identical input', async () => {
    const first = await renderFax(english, header, { paper: 'a4', fonts, date });
    const again = await renderFax(english, header, { paper: 'a4', fonts, date });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});
