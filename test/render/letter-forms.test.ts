import { describe, expect, it } from 'vitest';
import { createLetterForms } from '../../src/render/letter-forms.js';
import { loadFontSet } from '../../src/render/fonts.js';
import { openPdf, addPage, collectBytes } from '../../src/render/pdf-document.js';
import { createMeasure, type FlowLine } from '../../src/render/pdf-text.js';

const fonts = loadFontSet();
const date = new Date('2010-10-01T00:00:00Z');
const line = (text: string): FlowLine => ({ fragments: [{ text, style: 'regular', x: 0 }], size: 10, height: 14, spaceBefore: 0, keepWithNext: false });

describe('createLetterForms', () => {
  it('lays shared lines out once per content and fonts', () => {
    const pdf = openPdf({ size: 'A4', fonts, date, title: 'Forms' });
    const forms = createLetterForms(pdf);
    const measure = createMeasure(fonts);
    let laidOut = 0;
    const layOut = (): FlowLine[] => (laidOut++, [line('Dear Minister,')]);
    const first = forms.lines(measure, ['letter A'], layOut);
    expect(forms.lines(measure, ['letter A'], layOut)).toBe(first);
    const other = forms.lines(measure, ['letter B'], layOut);
    expect(other.id).not.toBe(first.id);
    const arabicMeasure = createMeasure(loadFontSet({}, 'ar'));
    expect(forms.lines(arabicMeasure, ['letter A'], layOut).id).not.toBe(first.id);
    expect(laidOut).toBe(3);
    // Content is compared, not objects: a letter comes from another thread as a copy.
    const body = (bold: boolean) => ['ltr', [{ type: 'paragraph', runs: [{ text: 'I urge you', bold }] }]];
    const plain = forms.lines(measure, body(false), layOut);
    expect(forms.lines(measure, body(false), layOut)).toBe(plain);
    expect(forms.lines(measure, body(true), layOut)).not.toBe(plain);
    expect(forms.lines(measure, body(false), layOut)).toBe(plain);
    expect(forms.lines(measure, ['letter A'], layOut)).toBe(first);
    expect(laidOut).toBe(5);
  });

  it('draws into the page the first time, and paints one form from the second on', async () => {
    const pdf = openPdf({ size: 'A4', fonts, date, title: 'Forms' });
    const bytes = collectBytes(pdf);
    const forms = createLetterForms(pdf);
    let drawn = 0;
    const draw = (): void => {
      drawn++;
      pdf.font('regular').fontSize(10).text('Shared', 72, 72, { lineBreak: false });
    };
    for (let i = 0; i < 3; i++) {
      addPage(pdf);
      forms.draw(pdf, 'page 1 of the letter', draw);
    }
    addPage(pdf);
    forms.draw(pdf, 'another text', draw);
    pdf.end();
    const text = Buffer.from(await bytes).toString('latin1');
    // Drawn for page 1 (in the page), for the form (page 2), and for the fourth page's other text.
    expect(drawn).toBe(3);
    expect(text.split('/Subtype /Form').length - 1).toBe(1);
  });
  it('ends a form whose drawing fails, so that the document still ends', async () => {
    const pdf = openPdf({ size: 'A4', fonts, date, title: 'Forms' });
    const bytes = collectBytes(pdf);
    const forms = createLetterForms(pdf);
    const draw = (): void => void pdf.font('regular').fontSize(10).text('Shared', 72, 72, { lineBreak: false });
    addPage(pdf);
    forms.draw(pdf, 'key', draw);
    addPage(pdf);
    expect(() => forms.draw(pdf, 'key', () => {
      draw();
      throw new Error('drawing failed');
    })).toThrow('drawing failed');
    pdf.end();
    // pdfkit ends a document once every object it made is ended: a form left open would hang it.
    const text = Buffer.from(await bytes).toString('latin1');
    expect(text).toContain('%%EOF');
  });
});
