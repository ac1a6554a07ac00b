import { describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { renderLabels } from '../../src/render/render-labels.js';
import { extractPdfTextItems, readPdfInfo, type PdfTextItem } from '../helpers/pdf.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T09:30:00Z');
const MM = 72 / 25.4;
const INCH = 72;

// The sheets as their makers specify them, in points: first label's corner, label size, pitch.
const SHEETS = {
  // Avery Zweckform 3652: 3 x 7 labels of 70 x 42.3 mm, no gaps, the rows centred on A4.
  'a4-3x7': { columns: 3, rows: 7, left: 0, top: 0.45 * MM, width: 70 * MM, height: 42.3 * MM, dx: 70 * MM, dy: 42.3 * MM },
  // Avery 5160: 3 x 10 labels of 2 5/8 x 1 in, 3/16 in side and 1/2 in top margins, 1/8 in gaps.
  'letter-3x10': { columns: 3, rows: 10, left: 0.1875 * INCH, top: 0.5 * INCH, width: 2.625 * INCH, height: INCH, dx: 2.75 * INCH, dy: INCH },
} as const;

function address(k: number): string[] {
  return [`Recipient ${k}`, `${k} Manasa Street`, 'Astana 01000', 'KAZAKHSTAN'];
}

// The label a text item lies in: its sheet, column and row, or null between labels.
function cellOf(item: PdfTextItem, sheet: (typeof SHEETS)[keyof typeof SHEETS]): { column: number; row: number } | null {
  const column = Math.floor((item.x - sheet.left) / sheet.dx);
  const row = Math.floor((item.y - sheet.top) / sheet.dy);
  const insideX = item.x >= sheet.left + column * sheet.dx && item.x + item.width <= sheet.left + column * sheet.dx + sheet.width;
  const insideY = item.y - item.size >= sheet.top + row * sheet.dy && item.y + item.size / 4 <= sheet.top + row * sheet.dy + sheet.height;
  return insideX && insideY ? { column, row } : null;
}

describe('renderLabels', () => {
  for (const [name, sheet] of Object.entries(SHEETS) as [keyof typeof SHEETS, (typeof SHEETS)[keyof typeof SHEETS]][]) {
    it(`puts address k on label k of ${name}, row by row, sheet after sheet`, async () => {
      const perSheet = sheet.columns * sheet.rows;
      const count = perSheet + 4;
      const bytes = await renderLabels(
        Array.from({ length: count }, (_, k) => address(k)),
        { sheet: name, fonts, date },
      );
      expect((await readPdfInfo(bytes)).pages).toBe(2);
      const items = await extractPdfTextItems(bytes);
      for (let k = 0; k < count; k++) {
        const cell = k % perSheet;
        const expected = { column: cell % sheet.columns, row: Math.floor(cell / sheet.columns) };
        const lines = items.filter((i) => i.text === `Recipient ${k}` || i.text === `${k} Manasa Street`);
        expect(lines.map((i) => i.page), `label ${k}`).toEqual([Math.floor(k / perSheet) + 1, Math.floor(k / perSheet) + 1]);
        for (const line of lines) expect(cellOf(line, sheet), `label ${k}: ${line.text}`).toEqual(expected);
        // Left-aligned, the name above the street.
        expect(lines[0]!.x).toBeCloseTo(lines[1]!.x, 3);
        expect(lines[0]!.y).toBeLessThan(lines[1]!.y);
      }
    });
  }

  it('shrinks and wraps a long address to fit its label', async () => {
    const long = [
      'Serik Baimaganbetov',
      'Minister of Internal Affairs of the Republic of Kazakhstan',
      'Department for Refugees, Migration and Human Rights',
      'ul. Manasa, 4',
      'Astana 01000',
      'KAZAKHSTAN',
    ];
    for (const name of ['letter-3x10', 'a4-3x7'] as const) {
      const items = await extractPdfTextItems(await renderLabels([address(0), long], { sheet: name, fonts, date }));
      const second = items.filter((i) => i.text !== '' && !address(0).includes(i.text));
      expect(second.map((i) => i.text).join(' ')).toContain('Department for Refugees,');
      for (const item of second) expect(cellOf(item, SHEETS[name]), item.text).toEqual({ column: 1, row: 0 });
      expect(Math.min(...second.map((i) => i.size))).toBeGreaterThanOrEqual(6);
      expect(Math.max(...second.map((i) => i.size))).toBeLessThan(10);
    }
  });

  it('sets Arabic address lines flush right in their label, Latin ones flush left', async () => {
    const lines = ['معالي وزير الداخلية', 'Serik Baimaganbetov', 'Astana 01000', 'KAZAKHSTAN'];
    const bytes = await renderLabels([address(0), lines], { sheet: 'a4-3x7', fonts: loadFontSet({}, 'ar'), date });
    const items = (await extractPdfTextItems(bytes)).filter((i) => cellOf(i, SHEETS['a4-3x7'])?.column === 1);
    const arabicLine = items.filter((i) => /[\u0600-\u06ff]/u.test(i.text));
    expect(arabicLine.length).toBeGreaterThan(0);
    expect(Math.max(...arabicLine.map((i) => i.x + i.width))).toBeCloseTo(140 * MM - 6 * MM, 0);
    expect(items.find((i) => i.text === 'Serik Baimaganbetov')?.x).toBeCloseTo(70 * MM + 6 * MM, 1);
  });

  it('leaves the label of an empty address blank', async () => {
    const items = await extractPdfTextItems(await renderLabels([[], ['', '  '], address(2)], { sheet: 'a4-3x7', fonts, date }));
    expect(items.map((i) => i.text)).toEqual(address(2));
    expect(cellOf(items[0]!, SHEETS['a4-3x7'])).toEqual({ column: 2, row: 0 });
  });

  it('refuses an address that does not fit at 6 pt, and an empty list', async () => {
    const huge = Array.from({ length: 20 }, (_, i) => `Line ${i + 1}`);
    const refused = renderLabels([address(0), huge], { sheet: 'letter-3x10', fonts, date });
    await expect(refused).rejects.toBeInstanceOf(UaError);
    await expect(refused).rejects.toMatchObject({ code: 'render/label-address-too-long', message: expect.stringContaining('address 2') });
    await expect(renderLabels([], { sheet: 'a4-3x7', fonts, date })).rejects.toMatchObject({ code: 'render/no-labels' });
  });

  it('gives identical bytes for identical input', async () => {
    const input = Array.from({ length: 5 }, (_, k) => address(k));
    const first = await renderLabels(input, { sheet: 'a4-3x7', fonts, date });
    const again = await renderLabels(input, { sheet: 'a4-3x7', fonts, date });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});
