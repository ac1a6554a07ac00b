import { describe, expect, it } from 'vitest';
import type { Block, LetterDocument, TextRun } from '../../src/letter/letter-document.js';
import type { TemplateContext } from '../../src/letter/template-context.js';
import { renderText } from '../../src/render/render-text.js';
import { loadTemplates } from '../../src/template/load-templates.js';
import { renderLetterBody } from '../../src/template/template-engine.js';
import { letterStrings } from '../../src/template/template-set.js';

const minister = {
  title: 'وزير الداخلية',
  name: 'سيريك بايماغانبيتوف',
  organisation: 'وزارة الداخلية',
  salutation: 'معالي الوزير',
  gender: 'male',
} as const;

const demands = [
  'الإفراج فوراً عن Nigmatulla Nabiev وعن الرجال الثلاثين (30) الذين اعتُقلوا في ألماتي (Almaty) في 9 يونيو 2010، ما لم تُوجَّه إليهم تهمة جنائية معترف بها؛',
  'عدم إعادة أي لاجئ أو طالب لجوء قسراً إلى أوزبكستان، حيث يتعرضون لخطر التعذيب.',
];

const context: TemplateContext = {
  language: 'ar',
  kind: 'recipient',
  action: {
    number: 'UA 1/99',
    title: 'لاجئون معرضون لخطر الإعادة القسرية',
    country: 'Kazakhstan',
    deadline: '2099-12-31',
    issued: '2026-01-10',
    update: 0,
  },
  recipient: minister,
  primaryRecipients: [
    minister,
    { title: 'وزير الخارجية', name: 'كانات سعودابايف', salutation: 'معالي الوزير' },
  ],
  people: [{ name: 'Nigmatulla Nabiev', gender: 'male' }],
  letter: {
    opening: 'أكتب إليكم معرباً عن قلقي البالغ إزاء مصير Nigmatulla Nabiev،\nالذي اعتُقل مع 30 رجلاً آخرين.',
    demands,
    closing: 'شكراً لاهتمامكم.',
  },
  sender: { name: 'ليلى حداد', city: 'بيروت' },
  date: '2026-02-01',
};

function text(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

function paragraphs(body: readonly Block[]): string[] {
  return body.flatMap((block) => (block.type === 'paragraph' ? [text(block.runs)] : []));
}

function listItems(body: readonly Block[]): string[] {
  return body.flatMap((block) => (block.type === 'list' ? block.items.map(text) : []));
}

async function arabicBody(changes: Partial<TemplateContext> = {}): Promise<Block[]> {
  return renderLetterBody(await loadTemplates('ar'), { ...context, ...changes });
}

describe('Arabic templates', () => {
  it('renders salutation, greeting, opening, demands and closing in logical order', async () => {
    const body = await arabicBody();
    expect(paragraphs(body)).toEqual([
      'معالي الوزير،',
      'تحية طيبة وبعد،',
      // Lines of the action text are joined; the Latin name and the number stay where they were written.
      'أكتب إليكم معرباً عن قلقي البالغ إزاء مصير Nigmatulla Nabiev، الذي اعتُقل مع 30 رجلاً آخرين.',
      'أحثكم على ما يلي:',
      'شكراً لاهتمامكم.',
      'وتفضلوا بقبول فائق الاحترام والتقدير،',
    ]);
    expect(listItems(body)).toEqual(demands);
    // The demands come as a list right after their introduction.
    const intro = body.findIndex((b) => b.type === 'paragraph' && text(b.runs) === 'أحثكم على ما يلي:');
    expect(body[intro + 1]?.type).toBe('list');
  });

  it('has every string the English set has, with the Arabic comma after a salutation', async () => {
    const arabic = letterStrings(await loadTemplates('ar'));
    const english = letterStrings(await loadTemplates('en'));
    expect(Object.keys(arabic).sort()).toEqual(Object.keys(english).sort());
    expect(arabic).toMatchObject({
      ccLabel: 'نسخة إلى:',
      pageLabel: 'صفحة {n} من {m}',
      subjectPrefix: 'الموضوع:',
      referencePrefix: 'المرجع:',
      salutationPunctuation: '،',
      defaultSalutation: 'السيدات والسادة المحترمون',
      diplomaticSalutation: 'صاحب السعادة',
    });
  });

  it('has the same partials as the English set', async () => {
    const arabic = Object.keys((await loadTemplates('ar')).files).sort();
    expect(arabic).toEqual(Object.keys((await loadTemplates('en')).files).sort());
  });

  it('falls back to the default salutation when the action gives none', async () => {
    const body = await arabicBody({ recipient: { salutation: '' } });
    expect(paragraphs(body)[0]).toBe('السيدات والسادة المحترمون،');
  });

  it('copy: names the authorities written to, joined with the Arabic "and"', async () => {
    const body = await arabicBody({ kind: 'copy' });
    expect(paragraphs(body)[2]).toBe(
      'أرسل إليكم، للعلم، نسخة من المناشدة التي وجهتها إلى: سيريك بايماغانبيتوف (وزير الداخلية) وكانات سعودابايف (وزير الخارجية).',
    );
  });

  it('diplomatic: addresses the ambassador as Excellency, asks to forward, closes with "سعادتكم"', async () => {
    const body = await arabicBody({ kind: 'diplomatic', recipient: { organisation: 'سفارة كازاخستان', salutation: '' } });
    const texts = paragraphs(body);
    expect(texts[0]).toBe('صاحب السعادة،');
    expect(texts[2]).toBe('أرجو التكرم بنقل المخاوف الواردة في هذه الرسالة إلى حكومة بلادكم.');
    expect(texts.at(-1)).toBe('وتفضلوا سعادتكم بقبول فائق الاحترام والتقدير،');
  });

  // The salutation helper knows "," ":" ";" "!" "." as punctuation but not the Arabic comma, so a
  // salutation written with its own "،" gets a second one. Flip to `it` once the helper knows "،".
  it('keeps a salutation that already ends in the Arabic comma as it is', async () => {
    const body = await arabicBody({ recipient: { ...minister, salutation: 'معالي الوزير،' } });
    expect(paragraphs(body)[0]).toBe('معالي الوزير،');
  });
});

describe('Arabic text letters', () => {
  async function arabicLetter(): Promise<LetterDocument> {
    const set = await loadTemplates('ar');
    const strings = letterStrings(set);
    return {
      language: 'ar',
      direction: 'rtl',
      title: 'UA 1/99: سيريك بايماغانبيتوف',
      subject: context.action.title,
      senderLines: ['ليلى حداد', 'شارع الحمرا 12', 'بيروت', 'لبنان'],
      returnAddress: '',
      dateLine: 'بيروت، 1 فبراير 2026',
      recipientLines: [minister.name, minister.title, 'ul. Manasa, 4', 'Astana 01000', 'KAZAKHSTAN'],
      recipientShort: minister.name,
      reference: `${strings.referencePrefix} UA 1/99`,
      subjectLine: `${strings.subjectPrefix} ${context.action.title}`,
      body: renderLetterBody(set, context),
      signatureName: 'ليلى حداد',
      ccLabel: strings.ccLabel,
      cc: ['مامي كايرات، النائب العام'],
      pageLabel: strings.pageLabel,
    };
  }

  it('keeps logical order: nothing is reversed, mirrored or reordered in a text file', async () => {
    // Direction marks (which a renderer may add to help viewers) are not reordering: left out here.
    const letter = renderText(await arabicLetter()).replace(/[\u200e\u200f\u061c]/g, '');
    const lines = letter.split('\n');
    // The last occurrence: the signer's name also heads the sender's address.
    const at = (line: string): number => {
      const index = lines.lastIndexOf(line);
      expect(index, line).toBeGreaterThanOrEqual(0);
      return index;
    };
    const order = [
      at('المرجع: UA 1/99'),
      at('الموضوع: لاجئون معرضون لخطر الإعادة القسرية'),
      at('معالي الوزير،'),
      at('تحية طيبة وبعد،'),
      at('أحثكم على ما يلي:'),
      at('وتفضلوا بقبول فائق الاحترام والتقدير،'),
      at('ليلى حداد'),
      at('نسخة إلى: مامي كايرات، النائب العام'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The first demand, wrapped at 72 columns, reads back as written: joined, it is the demand itself.
    const first = lines.findIndex((line) => line.startsWith('- الإفراج فوراً عن Nigmatulla Nabiev'));
    expect(first).toBeGreaterThan(at('أحثكم على ما يلي:'));
    const item: string[] = [];
    for (let i = first; i < lines.length && lines[i] !== '' && (i === first || !lines[i]!.startsWith('- ')); i++) {
      item.push(lines[i]!.replace(/^(- | {2})/, ''));
    }
    expect(item.join(' ')).toBe(demands[0]);
    // Brackets keep their logical shape: "(" opens, as in the action file.
    expect(letter).toContain('(Almaty)');
    expect(letter).toContain('(30)');
  });
});
