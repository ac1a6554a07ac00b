import fc from 'fast-check';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfkit from 'pdfkit';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { detectDirection, textForFontkit, visualRuns, type BaseDirection, type VisualRun } from '../../src/render/bidi.js';
import { loadFont } from '../../src/render/fonts.js';

// Reverses by code point: how a right-to-left stretch reads when drawn from left to right.
function reversed(text: string): string {
  return Array.from(text).reverse().join('');
}

// The line as it is drawn, left to right: RTL runs reversed. Brackets in them are already mirrored.
function drawn(runs: readonly VisualRun[]): string {
  return runs.map((run) => (run.rtl ? reversed(run.text) : run.text)).join('');
}

function shape(runs: readonly VisualRun[]): [string, 'rtl' | 'ltr'][] {
  return runs.map((run) => [run.text, run.rtl ? 'rtl' : 'ltr']);
}

describe('visualRuns', () => {
  const cases: { name: string; line: string; base: BaseDirection; runs: [string, 'rtl' | 'ltr'][] }[] = [
    {
      name: 'Arabic with numbers and a Latin place name in brackets',
      line: 'اعتقل 30 رجلاً في 9 يونيو (Almaty)',
      base: 'rtl',
      runs: [
        // The closing bracket, drawn leftmost, is mirrored to "(" so the pair still encloses the name.
        ['(', 'rtl'],
        ['Almaty', 'ltr'],
        [' يونيو )', 'rtl'],
        ['9', 'ltr'],
        [' رجلاً في ', 'rtl'],
        ['30', 'ltr'],
        ['اعتقل ', 'rtl'],
      ],
    },
    {
      name: 'Arabic with a Latin full name: the name keeps its word order',
      line: 'أطلقوا سراح Nigmatulla Nabiev فوراً.',
      base: 'rtl',
      runs: [
        [' فوراً.', 'rtl'],
        ['Nigmatulla Nabiev', 'ltr'],
        ['أطلقوا سراح ', 'rtl'],
      ],
    },
    {
      // After Arabic letters digits are Arabic numbers (UAX #9 rule W2): a decimal point stays inside
      // the number, but a hyphen or a percent sign does not, so "9-10" is drawn "10-9" and "30%" is
      // drawn "%30", which is how Arabic text writes ranges and percentages, read from the right.
      name: 'numbers in Arabic: a decimal stays one number, a range and a percentage read from the right',
      line: 'من 9-10 يونيو، 1.5 مليون و30%',
      base: 'rtl',
      runs: [
        ['%', 'rtl'],
        ['30', 'ltr'],
        [' مليون و', 'rtl'],
        ['1.5', 'ltr'],
        [' يونيو، ', 'rtl'],
        ['10', 'ltr'],
        ['-', 'rtl'],
        ['9', 'ltr'],
        ['من ', 'rtl'],
      ],
    },
    {
      name: 'Arabic-Indic digits',
      line: 'في ٩ يونيو ٢٠١٠',
      base: 'rtl',
      runs: [
        ['٢٠١٠', 'ltr'],
        [' يونيو ', 'rtl'],
        ['٩', 'ltr'],
        ['في ', 'rtl'],
      ],
    },
    {
      name: 'Hebrew with brackets and a number, direction detected',
      line: 'שלום (עולם) 123',
      base: 'auto',
      runs: [
        ['123', 'ltr'],
        // Brackets inside an RTL run are mirrored: drawn reversed, they read "(עולם)" again.
        ['שלום )עולם( ', 'rtl'],
      ],
    },
    {
      name: 'an Arabic word in an English line',
      line: 'Dear Minister, please free نجمة now.',
      base: 'ltr',
      runs: [
        ['Dear Minister, please free ', 'ltr'],
        ['نجمة', 'rtl'],
        [' now.', 'ltr'],
      ],
    },
    {
      name: 'an Arabic phrase with a number in a left-to-right paragraph reads as one unit',
      line: 'عربي 30',
      base: 'ltr',
      runs: [
        ['30', 'ltr'],
        ['عربي ', 'rtl'],
      ],
    },
    {
      name: 'an emoji (outside the BMP) after a Latin word at the end of an RTL line is a neutral',
      line: 'مرحبا abc 😀',
      base: 'rtl',
      runs: [
        [' 😀', 'rtl'],
        ['abc', 'ltr'],
        ['مرحبا ', 'rtl'],
      ],
    },
  ];
  it.each(cases)('$name', ({ line, base, runs }) => {
    expect(shape(visualRuns(line, base))).toEqual(runs);
  });

  it('draws a date in an Arabic sentence as an Arabic reader reads it', () => {
    const runs = visualRuns('اعتُقلوا في 9 يونيو 2010.', 'rtl');
    expect(shape(runs)).toEqual([
      ['.', 'rtl'],
      ['2010', 'ltr'],
      [' يونيو ', 'rtl'],
      ['9', 'ltr'],
      ['اعتُقلوا في ', 'rtl'],
    ]);
    expect(drawn(runs)).toBe(`.2010${reversed(' يونيو ')}9${reversed('اعتُقلوا في ')}`);
  });

  it('returns a pure left-to-right line as one run, whatever the base direction asked', () => {
    const line = 'UA 1/99 (EUR 57/004/2010): Nigmatulla Nabiev';
    expect(visualRuns(line, 'ltr')).toEqual([{ text: line, rtl: false, start: 0, end: line.length }]);
    expect(visualRuns(line, 'auto')).toEqual([{ text: line, rtl: false, start: 0, end: line.length }]);
  });

  it('returns a pure Arabic line as one RTL run in logical order, and nothing for an empty line', () => {
    const line = 'وتفضلوا بقبول فائق الاحترام والتقدير،';
    expect(visualRuns(line, 'rtl')).toEqual([{ text: line, rtl: true, start: 0, end: line.length }]);
    expect(visualRuns('', 'rtl')).toEqual([]);
  });

  it('gives logical offsets: each run is its slice of the line, brackets apart', () => {
    const line = 'اعتقل 30 رجلاً في 9 يونيو (Almaty)';
    for (const run of visualRuns(line, 'rtl')) {
      expect(run.text.length).toBe(run.end - run.start);
      if (!run.rtl) expect(run.text).toBe(line.slice(run.start, run.end));
    }
  });

  it('keeps a line that still holds a paragraph break in its paragraphs, each reordered', () => {
    expect(shape(visualRuns('abc\nعربي 12', 'auto'))).toEqual([
      ['abc\n', 'ltr'],
      ['12', 'ltr'],
      ['عربي ', 'rtl'],
    ]);
  });

  it('covers every character of any line exactly once, and changes none but mirrored brackets', () => {
    const pool = ['a', 'Z', ' ', '1', '٣', '.', ',', '-', '%', '(', ')', '[', ']', '«', '»', 'ع', 'ب', 'א', '😀', '\u064b'];
    const mirror: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«' };
    const line = fc.array(fc.constantFrom(...pool), { maxLength: 40 }).map((chars) => chars.join(''));
    const base = fc.constantFrom<BaseDirection>('ltr', 'rtl', 'auto');
    fc.assert(
      fc.property(line, base, (text, direction) => {
        const byStart = visualRuns(text, direction).sort((a, b) => a.start - b.start);
        let at = 0;
        for (const run of byStart) {
          expect(run.start).toBe(at);
          expect(run.end).toBeGreaterThan(run.start);
          const unmirrored = run.rtl ? run.text.replace(/[()[\]«»]/g, (c) => mirror[c] ?? c) : run.text;
          expect(unmirrored).toBe(text.slice(run.start, run.end));
          at = run.end;
        }
        expect(at).toBe(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectDirection', () => {
  it.each([
    ['اعتقل 30 رجلاً', 'rtl'],
    ['30 رجلاً اعتقلوا', 'rtl'],
    ['(«שלום»)', 'rtl'],
    ['Nigmatulla Nabiev معتقل منذ 2010', 'ltr'],
    ['2010-06-09', 'ltr'],
    ['', 'ltr'],
    // Text in an isolate does not decide the direction of the text around it.
    ['\u2066Nigmatulla Nabiev\u2069 معتقل', 'rtl'],
    // Adlam lies outside the BMP; its letters are strong right-to-left.
    ['𞤀𞤣𞤤𞤢𞤥 abc', 'rtl'],
  ] as const)('%j is %s', (text, direction) => {
    expect(detectDirection(text)).toBe(direction);
  });
});

// What the PDF renderer must do with each run, checked against the fonts and pdfkit it uses.
describe('drawing runs with pdfkit and fontkit', () => {
  const fontPath = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
  const font = loadFont(fontPath).font as ReturnType<typeof loadFont>['font'] & {
    layout(text: string, features?: string[]): { glyphs: { id: number; codePoints: number[] }[] };
    glyphForCodePoint(codePoint: number): { id: number };
  };
  // No lam-alef in these words: that ligature would draw two characters as one glyph.
  const line = 'أطلقوا سراح Nigmatulla Nabiev (مواليد 1977).';
  const expected = `.(1977${reversed(' )مواليد ')}Nigmatulla Nabiev${reversed('أطلقوا سراح ')}`;

  it('fontkit shapes an Arabic run given in logical order and returns its glyphs left to right', () => {
    const run = font.layout('سراح', []);
    expect(run.glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('')).toBe(reversed('سراح'));
    // Joined forms, not the isolated letters: the run was shaped as Arabic.
    const isolated = Array.from('سراح', (c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    expect(run.glyphs.map((g) => g.id)).not.toEqual(isolated.reverse());
  });

  it('textForFontkit leaves runs fontkit reverses alone and reverses the ones it would not', () => {
    const runs = visualRuns(line, 'rtl');
    expect(runs.map(textForFontkit)).toEqual(['.(', '1977', ' )مواليد ', 'Nigmatulla Nabiev', 'أطلقوا سراح ']);
    const glyphs = runs.map((run) =>
      font
        .layout(textForFontkit(run), [])
        .glyphs.map((g) => String.fromCodePoint(...g.codePoints))
        .join(''),
    );
    expect(glyphs.join('')).toBe(expected);
  });

  const PDFDocument = (pdfkit as unknown as { default: new (options: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument })
    .default;

  // Draws the runs one after the other as the renderer does, then reads back the drawn glyphs in order.
  async function drawnGlyphs(features: PDFKit.Mixins.OpenTypeFeatures[] | undefined): Promise<string> {
    const pdf = new PDFDocument({ compress: false, font: '', margin: 0 });
    const chunks: Uint8Array[] = [];
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    const ended = new Promise((resolve) => pdf.on('end', resolve));
    pdf.registerFont('arabic', font as unknown as PDFKit.Mixins.PDFFontSource);
    pdf.font('arabic').fontSize(12);
    let x = 72;
    for (const run of visualRuns(line, 'rtl')) {
      const text = textForFontkit(run);
      pdf.text(text, x, 100, { lineBreak: false, baseline: 'alphabetic', ...(features ? { features } : {}) });
      x += pdf.widthOfString(text);
    }
    pdf.end();
    await ended;
    const document = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
    try {
      const { fnArray, argsArray } = await (await document.getPage(1)).getOperatorList();
      return fnArray
        .flatMap((fn, i) => (fn === OPS.showText ? ((argsArray[i] as unknown[][])[0] ?? []) : []))
        .map((glyph) => (typeof glyph === 'object' && glyph !== null ? String((glyph as { unicode: unknown }).unicode) : ''))
        .join('');
    } finally {
      await document.destroy();
    }
  }

  it('pdfkit draws the line in visual order when each run is drawn with `features` set', async () => {
    expect(await drawnGlyphs([])).toBe(expected);
  });

  it('without `features`, pdfkit shapes word by word and puts the words of an RTL run back in logical order', async () => {
    expect(await drawnGlyphs(undefined)).not.toBe(expected);
  });
});
