// Letters as the template stage hands them to the renderers, for the PDF tests: UA 129/10
// (EUR 57/004/2010) in English and Russian, and a long English one that takes several pages.
import type { LetterDocument } from '../../src/letter/letter-document.js';

export const english: LetterDocument = {
  language: 'en-GB',
  direction: 'ltr',
  title: 'UA 129/10: letter to Serik Baimaganbetov',
  subject: 'Kazakhstan: Uzbeks at risk of forcible return',
  senderLines: ['Anna Schmidt', 'Lindenstraße 12', '10969 Berlin', 'GERMANY'],
  returnAddress: 'Anna Schmidt · Lindenstraße 12 · 10969 Berlin · GERMANY',
  dateLine: 'Berlin, 1 October 2010',
  recipientLines: [
    'Serik Baimaganbetov',
    'Minister of Internal Affairs',
    'Ministry of Internal Affairs',
    'ul. Manasa, 4',
    'Astana 01000',
    'KAZAKHSTAN',
  ],
  recipientShort: 'Serik Baimaganbetov',
  reference: 'UA 129/10 (EUR 57/004/2010)',
  subjectLine: 'Uzbek refugees and asylum-seekers at risk of forcible return',
  body: [
    { type: 'paragraph', runs: [{ text: 'Dear Minister,' }] },
    {
      type: 'paragraph',
      runs: [
        { text: 'I am writing to express my deep concern for the ' },
        { text: '30 ethnic Uzbek refugees and asylum-seekers', bold: true },
        { text: ' who were detained in Almaty on 9 June 2010, and who are at ' },
        { text: 'serious risk', italic: true },
        { text: ' of torture and other ill-treatment if returned to Uzbekistan.' },
      ],
    },
    { type: 'paragraph', runs: [{ text: 'I urge you to:' }] },
    {
      type: 'list',
      items: [
        [{ text: 'Ensure that no refugee or asylum-seeker is forcibly returned to Uzbekistan;' }],
        [
          {
            text:
              "Fulfil Kazakhstan's obligations under international law, including the 1951 Refugee " +
              'Convention and the Convention against Torture;',
          },
        ],
        [{ text: 'Release the detained refugees unless they are promptly charged with a recognizable offence.' }],
      ],
    },
    { type: 'paragraph', runs: [{ text: 'Thank you for your attention to this urgent matter.\nYours sincerely,' }] },
  ],
  signatureName: 'Anna Schmidt',
  ccLabel: 'cc:',
  cc: [
    'Mami Kairat, Prosecutor General of Kazakhstan, 37, Seifullina Street, Astana 01000, KAZAKHSTAN',
    'Embassy of the Republic of Kazakhstan, Nordendstraße 14–17, 13156 Berlin',
  ],
  pageLabel: 'Page {n} of {m}',
};

export const russianDemands = [
  'не допустить принудительного возвращения беженцев и лиц, ищущих убежища, в Узбекистан;',
  'выполнить международно-правовые обязательства Республики Казахстан;',
  'освободить задержанных беженцев, если им незамедлительно не будет предъявлено обвинение.',
];

export const russian: LetterDocument = {
  ...english,
  language: 'ru',
  title: 'UA 129/10: письмо Серику Баймаганбетову',
  subject: 'Казахстан: узбекам грозит принудительное возвращение',
  senderLines: null,
  dateLine: 'Берлин, 1 октября 2010 г.',
  recipientLines: ['Баймаганбетову С. Н.', 'Министру внутренних дел', 'ул. Манаса, 4', 'Астана 01000', 'KAZAKHSTAN'],
  recipientShort: 'Баймаганбетову С. Н.',
  subjectLine: 'Узбекам грозит принудительное возвращение',
  body: [
    { type: 'paragraph', runs: [{ text: 'Уважаемый господин министр!' }] },
    {
      type: 'paragraph',
      runs: [
        { text: 'Меня глубоко беспокоит судьба ' },
        { text: '30 этнических узбеков', bold: true },
        { text: ', задержанных в Алматы 9 июня 2010 года. Призываю Вас:' },
      ],
    },
    { type: 'list', items: russianDemands.map((text) => [{ text }]) },
    { type: 'paragraph', runs: [{ text: 'С уважением,' }] },
  ],
  signatureName: null,
  ccLabel: 'Копия:',
  cc: ['Генеральному прокурору Республики Казахстан, ул. Сейфуллина, 37, Астана 01000'],
  pageLabel: 'Страница {n} из {m}',
};

export const background =
  'The Uzbekistani authorities routinely seek the extradition from neighbouring countries of members or ' +
  'suspected members of Islamic movements and parties banned in Uzbekistan, in the name of national ' +
  'security and the fight against terrorism. Torture is widespread in Uzbekistan, and most people ' +
  'forcibly returned there are held incommunicado.';

export const long: LetterDocument = {
  ...english,
  pageLabel: 'Seite {n} von {m}',
  body: [
    ...english.body.slice(0, 2),
    ...Array.from({ length: 12 }, () => ({ type: 'paragraph' as const, runs: [{ text: background }] })),
    ...english.body.slice(2),
  ],
};

export const arabicDemands = [
  'عدم إعادة أي لاجئ أو طالب لجوء قسراً إلى أوزبكستان، ومن بينهم Nigmatulla Nabiev، حيث يواجهون خطر التعذيب وغيره من ضروب سوء المعاملة؛',
  'الإفراج عن اللاجئين الثلاثين (30) المحتجزين منذ 9 يونيو 2010، ما لم تُوجَّه إليهم على وجه السرعة تهمة جنائية معترف بها.',
];

export const arabicOpening =
  'أكتب إليكم معرباً عن قلقي البالغ إزاء مصير نيجماتولا نابييف Nigmatulla Nabiev وهو واحد من 30 رجلاً من ' +
  'اللاجئين وطالبي اللجوء الأوزبك الذين اعتُقلوا في ألماتي في 9 يونيو 2010، ويواجهون خطر الإعادة القسرية إلى أوزبكستان.';

// The same appeal in Arabic: a right-to-left letter with a Latin name, Western digits, a bold
// name inside Arabic text, and a recipient whose address mixes Arabic and Latin lines.
export const arabic: LetterDocument = {
  ...english,
  language: 'ar',
  direction: 'rtl',
  title: 'UA 129/10: رسالة إلى Serik Baimaganbetov',
  subject: 'كازاخستان: لاجئون أوزبك معرضون لخطر الإعادة القسرية',
  dateLine: 'برلين، 1 أكتوبر 2010',
  recipientLines: ['معالي وزير الداخلية', 'Serik Baimaganbetov', 'وزارة الداخلية', 'ul. Manasa, 4', 'Astana 01000', 'KAZAKHSTAN'],
  recipientShort: 'Serik Baimaganbetov',
  reference: 'المرجع: UA 129/10 (EUR 57/004/2010)',
  subjectLine: 'الموضوع: لاجئون معرضون لخطر الإعادة القسرية',
  body: [
    { type: 'paragraph', runs: [{ text: 'معالي الوزير،\nتحية طيبة وبعد،' }] },
    {
      type: 'paragraph',
      runs: [
        { text: 'أكتب إليكم معرباً عن قلقي البالغ إزاء مصير ' },
        { text: 'نيجماتولا نابييف Nigmatulla Nabiev', bold: true },
        { text: arabicOpening.slice(arabicOpening.indexOf(' وهو')) },
      ],
    },
    { type: 'paragraph', runs: [{ text: 'أحثكم على ما يلي:' }] },
    { type: 'list', items: arabicDemands.map((text) => [{ text }]) },
    { type: 'paragraph', runs: [{ text: 'وتفضلوا بقبول فائق الاحترام والتقدير،' }] },
  ],
  ccLabel: 'نسخة إلى:',
  cc: ['النائب العام Mami Kairat، 37, Seifullina Street، Astana 01000، KAZAKHSTAN'],
  pageLabel: 'صفحة {n} من {m}',
};
