import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import type { LetterDocument } from '../../src/letter/letter-document.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { checkLetterFits, renderPdf } from '../../src/render/render-pdf.js';
import { arabic, arabicDemands, arabicOpening, english, long, russian, russianDemands } from '../helpers/letter-documents.js';
import {
  extractPdfText,
  extractPdfTextItems,
  pdffonts,
  pdftotext,
  qpdfCheck,
  readPdfInfo,
  skipWithout,
  toolOutput,
  type PdfTextItem,
} from '../helpers/pdf.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T09:30:00Z');
const MM = 72 / 25.4;
const INCH = 72;

const tmp = mkdtempSync(join(tmpdir(), 'ua-letter-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writePdf(name: string, bytes: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('renderPdf', () => {
  it('writes the whole letter as extractable text', async () => {
    const text = words(await extractPdfText(await renderPdf(english, { paper: 'a4', fonts, date })));
    expect(text).toContain('Serik Baimaganbetov');
    expect(text).toContain('Berlin, 1 October 2010');
    expect(text).toContain('Uzbek refugees and asylum-seekers at risk of forcible return');
    expect(text).toContain('for the 30 ethnic Uzbek refugees and asylum-seekers who were detained');
    for (const item of english.body.flatMap((b) => (b.type === 'list' ? b.items : []))) {
      expect(text).toContain(words(item.map((r) => r.text).join('')));
    }
    expect(text).toContain('Anna Schmidt · Lindenstraße 12');
    expect(text).toContain(`cc: ${english.cc[0]}`);
    expect(text).toContain(english.cc[1]);
    expect(text).not.toContain('Page 1 of 1');
  });

  it('writes Cyrillic letters as Cyrillic text', async () => {
    const text = words(await extractPdfText(await renderPdf(russian, { paper: 'a4', fonts, date })));
    expect(text).toContain('Уважаемый господин министр!');
    expect(text).toContain('Баймаганбетову С. Н.');
    for (const demand of russianDemands) expect(text).toContain(demand);
    expect(text).toContain('Копия: Генеральному прокурору Республики Казахстан');
  });

  it('records title, subject, creator, language and the pinned dates', async () => {
    const info = await readPdfInfo(await renderPdf(russian, { paper: 'letter', fonts, date }));
    expect(info).toEqual({
      pages: 1,
      title: russian.title,
      subject: russian.subject,
      creator: 'ua-letter',
      producer: 'ua-letter',
      language: 'ru',
      creationDate: 'D:20101001093000Z',
      modDate: 'D:20101001093000Z',
    });
  });

  it('gives identical bytes for identical input, whatever was rendered before', async () => {
    const first = await renderPdf(english, { paper: 'a4', fonts, date });
    await renderPdf(russian, { paper: 'letter', fonts, date });
    await renderPdf(long, { paper: 'a4', fonts, date });
    const again = await renderPdf(english, { paper: 'a4', fonts, date });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    const otherDate = await renderPdf(english, { paper: 'a4', fonts, date: new Date('2010-10-02T00:00:00Z') });
    expect(Buffer.from(otherDate).equals(Buffer.from(first))).toBe(false);
  });

  it('numbers the pages of a long letter with the given label and heads the later pages', async () => {
    const bytes = await renderPdf(long, { paper: 'a4', fonts, date });
    const items = await extractPdfTextItems(bytes);
    const pages = Math.max(...items.map((i) => i.page));
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= pages; n++) {
      const onPage = items.filter((i) => i.page === n).map((i) => i.text);
      expect(onPage).toContain(`Seite ${n} von ${pages}`);
      if (n > 1) expect(onPage).toEqual(expect.arrayContaining([long.recipientShort, long.dateLine]));
    }
    const text = words(await extractPdfText(bytes));
    expect(text).toContain('Yours sincerely, Anna Schmidt');
  });

  it('hangs wrapped list items and cc entries under their first line', async () => {
    const items = (await extractPdfTextItems(await renderPdf(english, { paper: 'a4', fonts, date }))).filter(
      (i) => i.page === 1,
    );
    const [, second, third] = items.filter((i) => i.text === '•');
    const fulfil = items.find((i) => i.text.startsWith('Fulfil'))!;
    expect(fulfil.x - second!.x).toBeCloseTo(5 * MM, 1);
    const continued = items.filter((i) => i.y > fulfil.y && i.y < third!.y);
    expect(continued.length).toBeGreaterThan(0);
    for (const item of continued) expect(item.x).toBeCloseTo(fulfil.x, 1);

    // pdfjs joins the label and the first entry into one item: "cc: Mami Kairat, …".
    const label = items.find((i) => i.text.startsWith('cc: Mami Kairat'))!;
    const secondCc = items.find((i) => i.text.startsWith('Embassy'))!;
    expect(label.x).toBeCloseTo(fulfil.x - 5 * MM, 1);
    expect(secondCc.x - label.x).toBeGreaterThan(3 * MM);
    expect(secondCc.x - label.x).toBeLessThan(8 * MM);
  });

  it('puts the address inside the DIN 5008 window on A4', async () => {
    const items = await extractPdfTextItems(await renderPdf(english, { paper: 'a4', fonts, date }));
    const window = { left: 20 * MM, top: 45 * MM, right: 105 * MM, bottom: 90 * MM };
    // A4 slides up to 10 mm sideways in a DL envelope: text must stay left of 100 mm.
    expectInside(addressItems(items, english), { ...window, right: 100 * MM });
    const returnLine = items.find((i) => i.text.startsWith('Anna Schmidt ·'));
    expectInside([returnLine!], { ...window, bottom: 50 * MM });
  });

  it('puts the address inside the #10 window on US Letter', async () => {
    const items = await extractPdfTextItems(await renderPdf(english, { paper: 'letter', fonts, date }));
    // #10 envelope 4 1/8 in high, window 4 1/2 x 1 1/8 in, 7/8 in from the left, 1/2 in from the
    // bottom; the tri-folded sheet's top panel (11/3 in) rests on the envelope's bottom edge.
    const top = (4.125 - 0.5 - 1.125 - (4.125 - 11 / 3)) * INCH;
    // 1 in of sideways play (8 1/2 in sheet, 9 1/2 in envelope) narrows the window to 3 1/2 in.
    const window = { left: 0.875 * INCH, top, right: 4.375 * INCH, bottom: top + 1.125 * INCH };
    expectInside(addressItems(items, english), window);
  });

  it('shows nothing but the address through the window, wherever the sheet sits', async () => {
    // Union of what the window uncovers as the folded sheet slides within the envelope.
    const reach = {
      // DL: window 20-110 mm across, 50-95 mm down; the 105 mm panel can drop 5 mm, the sheet 10 mm sideways.
      a4: { left: 10 * MM, top: 45 * MM, right: 110 * MM, bottom: 95 * MM },
      // #10: window 0.875-5.375 in across, 2.5-3.625 in down; the panel can drop 0.458 in, the sheet 1 in sideways.
      letter: { left: -0.125 * INCH, top: (2.5 - (4.125 - 11 / 3)) * INCH, right: 5.375 * INCH, bottom: 3.625 * INCH },
    };
    for (const paper of ['a4', 'letter'] as const) {
      const items = await extractPdfTextItems(await renderPdf(english, { paper, fonts, date }));
      const visible = items.filter((i) => i.page === 1 && overlaps(i, reach[paper]));
      expect(visible.length).toBeGreaterThan(0);
      for (const item of visible) {
        const text = item.text.trim();
        const isAddress = text === english.returnAddress || english.recipientLines.join('\n').includes(text);
        expect(isAddress, `${paper}: "${text}" shows through the window`).toBe(true);
      }
    }
  });

  it('shrinks or wraps a long address line so it stays inside the window', async () => {
    const longLine = 'Department for Refugees, Migration and the Protection of Human Rights of the Ministry';
    const doc = { ...english, recipientLines: [...english.recipientLines.slice(0, 2), longLine, ...english.recipientLines.slice(2)] };
    for (const paper of ['a4', 'letter'] as const) {
      const bytes = await renderPdf(doc, { paper, fonts, date });
      const items = await extractPdfTextItems(bytes);
      const window =
        paper === 'a4'
          ? { left: 20 * MM, top: 45 * MM, right: 100 * MM, bottom: 90 * MM }
          : { left: 0.875 * INCH, top: 2.042 * INCH, right: 4.375 * INCH, bottom: 3.167 * INCH };
      expectInside(addressItems(items, doc), window);
    }
  });

  it('refuses an address that cannot fit its place', async () => {
    const doc = { ...english, recipientLines: Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`) };
    await expect(renderPdf(doc, { paper: 'a4', fonts, date })).rejects.toMatchObject({
      code: 'render/recipient-address-too-long',
      exitCode: 1,
    });
    await expect(renderPdf(doc, { paper: 'a4', fonts, date })).rejects.toBeInstanceOf(UaError);
    const sender = { ...english, senderLines: doc.recipientLines };
    await expect(renderPdf(sender, { paper: 'letter', fonts, date })).rejects.toMatchObject({
      code: 'render/sender-address-too-long',
    });
    // The check a print run makes before it starts, without rendering: the same refusals.
    expect(() => checkLetterFits(doc, { paper: 'a4', fonts })).toThrow(expect.objectContaining({ code: 'render/recipient-address-too-long' }));
    expect(() => checkLetterFits(sender, { paper: 'letter', fonts })).toThrow(expect.objectContaining({ code: 'render/sender-address-too-long' }));
    expect(() => checkLetterFits(english, { paper: 'a4', fonts })).not.toThrow();
  });

  it('breaks a word wider than the line between characters', async () => {
    const url = `https://www.amnesty.org/en/library/info/${'EUR57'.repeat(40)}/en`;
    const doc = { ...english, body: [{ type: 'paragraph' as const, runs: [{ text: `See ${url} for details.` }] }] };
    const items = await extractPdfTextItems(await renderPdf(doc, { paper: 'a4', fonts, date }));
    for (const item of items) expect(item.x + item.width).toBeLessThanOrEqual(190 * MM + 0.5);
  });

  it.skipIf(skipWithout('pdffonts'))('embeds every font as a subset with a Unicode map', async () => {
    for (const [name, doc] of [['english', english], ['russian', russian]] as const) {
      const path = writePdf(`${name}.pdf`, await renderPdf(doc, { paper: 'a4', fonts, date }));
      const { status, stdout } = toolOutput(await pdffonts(path));
      expect(status).toBe(0);
      const rows = stdout.split('\n').slice(2).filter((row) => row.trim() !== '');
      // Regular and bold everywhere, italic in the English letter.
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) {
        expect(row).toMatch(/^[A-Z]{6}\+DejaVuSerif/);
        // Columns: name, type (two words), encoding, emb, sub, uni, object, generation.
        expect(row.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
      }
    }
  });

  it.skipIf(skipWithout('qpdf'))('passes qpdf --check', async () => {
    for (const paper of ['a4', 'letter'] as const) {
      const path = writePdf(`check-${paper}.pdf`, await renderPdf(long, { paper, fonts, date }));
      const { status, stdout } = toolOutput(await qpdfCheck(path));
      expect(status).toBe(0);
      expect(stdout).toContain('No syntax or stream encoding errors found');
    }
  });

  it.skipIf(skipWithout('pdftotext'))('gives poppler readable Cyrillic', async () => {
    const path = writePdf('russian.pdf', await renderPdf(russian, { paper: 'a4', fonts, date }));
    const { status, stdout } = toolOutput(await pdftotext(path));
    expect(status).toBe(0);
    expect(stdout).toContain('Уважаемый господин министр!');
    expect(words(stdout)).toContain(russianDemands[1]);
  });
});

describe('renderPdf, right to left', () => {
  const arabicFonts = loadFontSet({}, 'ar');
  const right = 190 * MM;

  // Text items of page 1 grouped into lines by baseline, top to bottom.
  function linesOf(items: readonly PdfTextItem[], page = 1): PdfTextItem[][] {
    const lines = new Map<number, PdfTextItem[]>();
    for (const item of items.filter((i) => i.page === page)) {
      const key = [...lines.keys()].find((y) => Math.abs(y - item.y) < 2) ?? item.y;
      lines.set(key, [...(lines.get(key) ?? []), item]);
    }
    return [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
  }
  const rightEdge = (line: readonly PdfTextItem[]): number => Math.max(...line.map((i) => i.x + i.width));
  const leftEdge = (line: readonly PdfTextItem[]): number => Math.min(...line.map((i) => i.x));

  it('sets the text flush right, with bullets and hanging indents on the right and the date on the left', async () => {
    const items = await extractPdfTextItems(await renderPdf(arabic, { paper: 'a4', fonts: arabicFonts, date }));
    const lines = linesOf(items);
    const dateLine = lines.find((line) => line.some((i) => i.text.includes('2010') && i.text.length < 8))!;
    expect(leftEdge(dateLine)).toBeCloseTo(25 * MM, 0);
    const body = lines.filter((line) => line[0]!.y > dateLine[0]!.y && line[0]!.y < 272 * MM);
    expect(body.length).toBeGreaterThan(10);
    const bullets = items.filter((i) => i.text === '•');
    expect(bullets).toHaveLength(arabicDemands.length);
    for (const bullet of bullets) expect(bullet.x + bullet.width).toBeCloseTo(right, 0);
    for (const line of body) {
      const edge = rightEdge(line.filter((i) => i.text !== '•'));
      const isListLine = line[0]!.y > bullets[0]!.y - 2 && line[0]!.y < bullets.at(-1)!.y + 30;
      const isCc = line.some((i) => i.text.includes('Mami Kairat')) || line.some((i) => i.text.includes('KAZAKHSTAN'));
      // Continued list lines hang under the item's text, 5 mm in from the right; so do cc entries after the label.
      const expected = isListLine ? [right - 5 * MM, right] : [right];
      expect(expected.some((e) => Math.abs(edge - e) < 0.6) || isCc, `${line.map((i) => i.text).join(' ')}: ${edge}`).toBe(true);
      expect(leftEdge(line)).toBeGreaterThanOrEqual(25 * MM - 0.5);
    }
    // The list item text starts 5 mm left of the bullet's right edge.
    const firstItem = body.find((line) => line.some((i) => i.text === '•'))!;
    expect(rightEdge(firstItem.filter((i) => i.text !== '•'))).toBeCloseTo(right - 5 * MM, 0);
  });

  it('keeps each address line in its own direction: Latin lines flush left, Arabic ones flush right', async () => {
    const items = await extractPdfTextItems(await renderPdf(arabic, { paper: 'a4', fonts: arabicFonts, date }));
    const address = items.filter((i) => i.page === 1 && i.y > 50 * MM && i.y < 90 * MM && i.x < 105 * MM);
    for (const line of ['Serik Baimaganbetov', 'ul. Manasa, 4', 'KAZAKHSTAN']) {
      expect(address.find((i) => i.text === line)?.x).toBeCloseTo(25 * MM, 1);
    }
    for (const line of linesOf(address).filter((l) => l.some((i) => /[\u0600-\u06ff]/u.test(i.text)))) {
      expect(rightEdge(line)).toBeCloseTo(100 * MM, 0);
    }
  });

  it.skipIf(skipWithout('pdftotext'))('gives poppler the Arabic text in logical order', async () => {
    const path = writePdf('arabic.pdf', await renderPdf(arabic, { paper: 'a4', fonts: arabicFonts, date }));
    const { status, stdout } = toolOutput(await pdftotext(path));
    expect(status).toBe(0);
    const text = readable(stdout);
    // Two lines of the opening: Arabic words (with tanween and lam-alef) around a bold Latin
    // name and numbers, exactly as written.
    expect(text).toContain(readable(arabicOpening.slice(0, arabicOpening.indexOf(' 2010'))));
    for (const line of ['معالي الوزير، تحية طيبة وبعد،', 'وتفضلوا بقبول فائق الاحترام والتقدير،']) {
      expect(text).toContain(readable(line));
    }
    // Poppler rebuilds reading order from glyph positions, and attaches punctuation that
    // touches a number or a Latin word to it, on the wrong side ("2010،" comes out "،2010"): the
    // words are still all there, in order.
    for (const sentence of [arabicOpening, arabic.subjectLine, arabicDemands[0]!]) {
      expect(wordsOnly(text)).toContain(wordsOnly(readable(sentence)));
    }
  });
});

// Text as a reader compares it: the embeddings poppler marks around left-to-right words
// dropped (a word space where one ends right before a letter), presentation forms (the
// lam-alef ligature) folded by NFKC, no space before a combining mark (poppler sets a tanween
// apart from its letter).
function readable(text: string): string {
  return text
    .replace(/(?<=[\p{L}\p{N}])[\u202a-\u202e]+(?=[\p{L}\p{N}])/gu, ' ')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .normalize('NFKC')
    .replace(/\s+(?=\p{M})/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function wordsOnly(text: string): string {
  return text.replace(/[\p{P}]/gu, ' ').replace(/\s+/g, ' ').trim();
}

// Text in the left half of page 1 above the date line: the return address and the recipient.
function addressItems(items: readonly PdfTextItem[], doc: LetterDocument): PdfTextItem[] {
  const dateLine = items.find((i) => i.page === 1 && i.text === doc.dateLine);
  expect(dateLine).toBeDefined();
  const address = items.filter((i) => i.page === 1 && i.y < dateLine!.y && i.x < 4 * INCH);
  const text = words(address.map((i) => i.text).join(' '));
  for (const line of doc.recipientLines) expect(text).toContain(line);
  return address;
}

function glyphBox(item: PdfTextItem): { left: number; top: number; right: number; bottom: number } {
  // Baseline origin and advance from pdfjs; glyphs reach about one size above the baseline
  // (DejaVu's ascender is 0.93 em) and a quarter below it.
  return { left: item.x, right: item.x + item.width, top: item.y - item.size, bottom: item.y + item.size / 4 };
}

function overlaps(item: PdfTextItem, box: { left: number; top: number; right: number; bottom: number }): boolean {
  const g = glyphBox(item);
  return g.left < box.right && g.right > box.left && g.top < box.bottom && g.bottom > box.top;
}

function expectInside(
  items: readonly PdfTextItem[],
  box: { left: number; top: number; right: number; bottom: number },
): void {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    const glyphs = glyphBox(item);
    expect(glyphs.left, item.text).toBeGreaterThanOrEqual(box.left);
    expect(glyphs.right, item.text).toBeLessThanOrEqual(box.right);
    expect(glyphs.top, item.text).toBeGreaterThanOrEqual(box.top);
    expect(glyphs.bottom, item.text).toBeLessThanOrEqual(box.bottom);
  }
}
