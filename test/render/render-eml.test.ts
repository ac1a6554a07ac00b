import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { UaError } from '../../src/diagnostics/ua-error.js';
import type { Block, LetterDocument } from '../../src/letter/letter-document.js';
import { encodeQuotedPrintable } from '../../src/render/mime-encoding.js';
import { emailSubject, renderEmailBody, renderEml, type EmlEnvelope } from '../../src/render/render-eml.js';

const SALUTATION = 'Уважаемый господин министр!';
const DEMANDS = [
  'Призываю Вас не допустить принудительного возвращения 29 этнических узбеков в Узбекистан, где им грозят пытки и другие виды жестокого обращения;',
  'Призываю Вас обеспечить, чтобы все они получили доступ к справедливой и полной процедуре определения статуса беженца;',
  'Прошу гарантировать, что = они не подвергнутся пыткам.',
];
const CYRILLIC_SUBJECT = 'UA 129/10: Узбекам грозит принудительное возвращение';

function paragraph(text: string): Block {
  return { type: 'paragraph', runs: [{ text }] };
}

function letter(overrides: Partial<LetterDocument> = {}): LetterDocument {
  return {
    language: 'ru',
    direction: 'ltr',
    title: 'UA 129/10: письмо Серику Баймаганбетову',
    subject: 'Узбекам грозит принудительное возвращение',
    senderLines: ['Иван Петров', 'ул. Ленина, 1', '119019 Москва'],
    returnAddress: 'Иван Петров · ул. Ленина, 1 · 119019 Москва',
    dateLine: 'Москва, 1 октября 2010 г.',
    recipientLines: ['Министру внутренних дел', 'Серику Баймаганбетову', 'ул. Манаса, 4', 'Астана 01000', 'КАЗАХСТАН'],
    recipientShort: 'Серик Баймаганбетов',
    reference: 'Исх.: UA 129/10 (EUR 57/004/2010)',
    subjectLine: 'Отн.: 29 узбекских беженцев',
    body: [
      paragraph(SALUTATION),
      {
        type: 'paragraph',
        runs: [
          { text: 'Я пишу Вам в связи с 29 этническими узбеками — беженцами и лицами, ищущими убежища, ' },
          { text: 'которые были задержаны', bold: true },
          { text: ' в Алматы 9 июня 2010 года.' },
        ],
      },
      paragraph('Прошу Вас:'),
      { type: 'list', items: DEMANDS.map((text) => [{ text }]) },
      paragraph('С уважением,'),
    ],
    signatureName: 'Иван Петров',
    ccLabel: 'Копии:',
    cc: ['Генеральному прокурору Казахстана', 'Посольству Казахстана'],
    pageLabel: 'Страница {n} из {m}',
    ...overrides,
  };
}

function envelope(overrides: Partial<EmlEnvelope> = {}): EmlEnvelope {
  return {
    to: ['minister@mvd.gov.kz'],
    cc: ['prokuror@prokuror.kz', 'embassy@kazembassy.example'],
    from: { name: 'Иван Петров', address: 'ivan@example.org' },
    subject: CYRILLIC_SUBJECT,
    date: new Date(Date.UTC(2010, 9, 1, 9, 30, 5)),
    messageId: 'ua-129-10.ru.1@ua-letter.invalid',
    ...overrides,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): { name: string; address: string | undefined }[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map(({ name, address }) => ({ name, address })));
}

function headerBlock(eml: string): string {
  return eml.slice(0, eml.indexOf('\r\n\r\n'));
}

function expectMailLines(eml: string): void {
  expect(eml.endsWith('\r\n')).toBe(true);
  expect(eml.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of eml.slice(0, -2).split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(78);
}

// Decodes quoted-printable the way RFC 2045 §6.7 reads it: soft breaks vanish, =XX become bytes.
function decodeQuotedPrintable(encoded: string): string {
  const joined = encoded.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=') {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)).replace(/\r\n/g, '\n');
}

describe('renderEml', () => {
  it('round-trips To, Cc, From, Subject, Date and Message-ID through a mail parser', async () => {
    const parsed = await simpleParser(Buffer.from(renderEml(letter(), envelope())));
    expect(parsed.subject).toBe(CYRILLIC_SUBJECT);
    expect(addresses(parsed.to)).toEqual([{ name: '', address: 'minister@mvd.gov.kz' }]);
    expect(addresses(parsed.cc)).toEqual([
      { name: '', address: 'prokuror@prokuror.kz' },
      { name: '', address: 'embassy@kazembassy.example' },
    ]);
    expect(addresses(parsed.from)).toEqual([{ name: 'Иван Петров', address: 'ivan@example.org' }]);
    expect(parsed.date?.toISOString()).toBe('2010-10-01T09:30:05.000Z');
    expect(parsed.messageId).toBe('<ua-129-10.ru.1@ua-letter.invalid>');
    expect(parsed.headers.get('x-unsent')).toBe('1');
    expect(parsed.headers.get('mime-version')).toBe('1.0');
  });

  it('carries the salutation and every demand exactly as in the letter, without the postal blocks or cc line', async () => {
    const parsed = await simpleParser(Buffer.from(renderEml(letter(), envelope())));
    const text = parsed.text ?? '';
    expect(text.startsWith(`${SALUTATION}\n`)).toBe(true);
    for (const demand of DEMANDS) expect(text).toContain(`- ${demand}\n`);
    expect(text).toContain('ищущими убежища, которые были задержаны в Алматы');
    expect(text).toContain('С уважением,\nИван Петров\nул. Ленина, 1\n119019 Москва');
    for (const gone of ['Серику Баймаганбетову', 'EUR 57/004/2010', 'Отн.:', 'Копии:', '1 октября', 'Страница']) {
      expect(text).not.toContain(gone);
    }
  });

  it('writes CRLF lines of at most 78 characters, headers and body alike', () => {
    const longSubject = `UA 129/10: ${'Узбекам грозит принудительное возвращение, '.repeat(5)}𝔘𝔷 ✓`;
    const eml = renderEml(letter(), envelope({ subject: longSubject }));
    expectMailLines(eml);
    // The Russian letter is mostly non-ASCII: base64 is a third the size of quoted-printable.
    expect(headerBlock(eml)).toContain('\r\nContent-Transfer-Encoding: base64\r\n');
    expect(headerBlock(eml)).toContain('\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n');
  });

  it('keeps a mostly Latin body readable as quoted-printable', async () => {
    const { simpleParser } = await import('mailparser');
    const doc = { ...letter(), senderLines: ['Ana García', 'Calle Mayor 1', '28013 Madrid'], signatureName: 'Ana García', body: [{ type: 'paragraph' as const, runs: [{ text: 'Señor Ministro: le escribo con gran preocupación por Nizomkhon Juraev.' }] }] };
    const eml = renderEml(doc, envelope({}));
    expectMailLines(eml);
    expect(headerBlock(eml)).toContain('\r\nContent-Transfer-Encoding: quoted-printable\r\n');
    expect((await simpleParser(eml)).text).toContain('le escribo con gran preocupación');
  });

  it('cuts a long subject into encoded-words that each hold whole characters', async () => {
    const longSubject = `UA 129/10: ${'Узбекам 𝔘𝔷 грозит возвращение — '.repeat(6)}`.trim();
    const eml = renderEml(letter(), envelope({ subject: longSubject }));
    const subjectHeader = /^Subject:.*(?:\r\n .*)*/m.exec(eml)?.[0] ?? '';
    const words = subjectHeader.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? [];
    expect(words.length).toBeGreaterThan(3);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      const bytes = Buffer.from(word.slice('=?UTF-8?B?'.length, -2), 'base64');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), word).not.toThrow();
    }
    expect((await simpleParser(Buffer.from(eml))).subject).toBe(longSubject);
  });

  it('gives identical bytes for identical input', () => {
    expect(renderEml(letter(), envelope())).toBe(renderEml(letter(), envelope()));
  });

  it('leaves out From and Cc when there are none, so the mail client fills in the sender', async () => {
    const eml = renderEml(letter(), envelope({ from: undefined, cc: [] }));
    expect(headerBlock(eml)).not.toMatch(/^(From|Cc):/im);
    const parsed = await simpleParser(Buffer.from(eml));
    expect(parsed.from).toBeUndefined();
    expect(parsed.cc).toBeUndefined();
    expect(addresses(parsed.to)).toEqual([{ name: '', address: 'minister@mvd.gov.kz' }]);
  });

  it('quotes display names with specials and encodes non-ASCII ones', async () => {
    const cases = ['Jane Whitfield', 'Whitfield, Jane "JW" \\ Leeds', 'Zoë Ångström', 'Иван Петров-Водкин, Москва'];
    for (const name of cases) {
      const eml = renderEml(letter(), envelope({ from: { name, address: 'jane@example.org' } }));
      expectMailLines(eml);
      expect(addresses((await simpleParser(Buffer.from(eml))).from)).toEqual([{ name, address: 'jane@example.org' }]);
    }
    const quoted = renderEml(letter(), envelope({ from: { name: 'Whitfield, Jane', address: 'jane@example.org' } }));
    expect(quoted).toContain('\r\nFrom: "Whitfield, Jane" <jane@example.org>\r\n');
  });

  it('keeps an ASCII letter 7bit and readable, and its paragraphs flow back together', async () => {
    const demand = 'Release all 29 men immediately and unconditionally, and do not return them to Uzbekistan, where they would face torture.';
    const doc = letter({
      language: 'en',
      senderLines: null,
      body: [paragraph('Dear Minister,'), { type: 'list', items: [[{ text: demand }]] }, paragraph('From all of us,')],
      signatureName: 'Jane Whitfield',
    });
    const eml = renderEml(doc, envelope({ subject: 'UA 129/10: Uzbeks at risk of forcible return', from: undefined }));
    expectMailLines(eml);
    expect(eml).toContain('\r\nContent-Transfer-Encoding: 7bit\r\n');
    expect(eml).toContain('\r\nSubject: UA 129/10: Uzbeks at risk of forcible return\r\n');
    // "From " at the start of a body line is space-stuffed (RFC 3676 §4.4) and unstuffed by readers.
    expect(eml).toContain('\r\n From all of us,\r\n');
    const parsed = await simpleParser(Buffer.from(eml));
    expect(parsed.subject).toBe('UA 129/10: Uzbeks at risk of forcible return');
    expect(parsed.text).toBe(`Dear Minister,\n\n- ${demand}\n\nFrom all of us,\nJane Whitfield`);
  });

  it('turns a line too long for 7bit into quoted-printable', () => {
    const url = `https://www.amnesty.org/en/documents/eur57/004/2010/en/${'x'.repeat(40)}`;
    const eml = renderEml(letter({ body: [paragraph(`See ${url}`)], senderLines: null }), envelope({ subject: 'UA' }));
    expect(eml).toContain('\r\nContent-Transfer-Encoding: quoted-printable\r\n');
    expectMailLines(eml);
  });

  it('keeps a subject with line breaks to one header', async () => {
    const eml = renderEml(letter(), envelope({ subject: 'UA 129/10\r\nBcc: everyone@example.org' }));
    expect(headerBlock(eml)).not.toMatch(/^Bcc:/im);
    expect((await simpleParser(Buffer.from(eml))).subject).toBe('UA 129/10 Bcc: everyone@example.org');
  });

  it('refuses an address that cannot go in a header, and punycodes an internationalized domain', () => {
    expect(() => renderEml(letter(), envelope({ to: ['minister@mvd.gov.kz\r\nBcc: x@y.org'] }))).toThrow(UaError);
    expect(() => renderEml(letter(), envelope({ to: ['министр@mvd.gov.kz'] }))).toThrow(/name@example\.org/);
    expect(renderEml(letter(), envelope({ to: ['info@президент.рф'] }))).toContain('\r\nTo: info@xn--d1abbgf6aiiy.xn--p1ai\r\n');
  });

  it('writes the date in RFC 5322 form and the Message-ID in angle brackets', () => {
    const eml = renderEml(letter(), envelope({ messageId: '<abc.1@ua-letter.invalid>' }));
    expect(eml.startsWith('Date: Fri, 01 Oct 2010 09:30:05 +0000\r\n')).toBe(true);
    expect(eml).toContain('\r\nMessage-ID: <abc.1@ua-letter.invalid>\r\n');
    expect(() => renderEml(letter(), envelope({ messageId: 'no at sign' }))).toThrow(RangeError);
    expect(() => renderEml(letter(), envelope({ date: new Date(Number.NaN) }))).toThrow(RangeError);
  });
});

describe('renderEmailBody', () => {
  it('wraps at 72 columns in format=flowed: a continuing line ends in one space, a paragraph end does not', () => {
    const body = renderEmailBody(letter());
    expect(body.endsWith('\n')).toBe(true);
    expect(body.endsWith('\n\n')).toBe(false);
    const lines = body.slice(0, -1).split('\n');
    for (const line of lines) {
      expect([...line.trimEnd()].length, line).toBeLessThanOrEqual(72);
      expect(line, 'at most one trailing space').not.toMatch(/ {2}$/);
    }
    const demand = DEMANDS[0] ?? '';
    const start = lines.findIndex((line) => line.startsWith('- Призываю Вас не допустить'));
    const item: string[] = [];
    for (let i = start; !item.join('').endsWith(demand); i++) item.push(lines[i] ?? '');
    expect(item.length).toBeGreaterThan(1);
    expect(item.slice(0, -1).every((line) => line.endsWith(' '))).toBe(true);
    expect(item.at(-1)?.endsWith(' ')).toBe(false);
    expect(item.join('')).toBe(`- ${demand}`);
  });

  it('signs with the name alone when the sender has no address, and with nothing when there is no name', () => {
    expect(renderEmailBody(letter({ senderLines: null })).endsWith('С уважением,\nИван Петров\n')).toBe(true);
    expect(renderEmailBody(letter({ senderLines: null, signatureName: null })).endsWith('С уважением,\n')).toBe(true);
  });
});

describe('emailSubject', () => {
  it('puts the UA number before the title, and an optional prefix before both', () => {
    expect(emailSubject('UA 129/10', 'Uzbeks at risk of forcible return')).toBe('UA 129/10: Uzbeks at risk of forcible return');
    expect(emailSubject(undefined, 'Free Nasrin Sotoudeh')).toBe('Free Nasrin Sotoudeh');
    expect(emailSubject(' ', 'Free Nasrin Sotoudeh', 'Appeal:')).toBe('Appeal: Free Nasrin Sotoudeh');
    expect(emailSubject('UA 129/10', 'Uzbeks at risk', 'Appeal:')).toBe('Appeal: UA 129/10: Uzbeks at risk');
  });
});

describe('encodeQuotedPrintable', () => {
  it('keeps every UTF-8 sequence whole when it cuts a line of 200 "é" into soft-broken lines of at most 76', () => {
    const encoded = encodeQuotedPrintable('é'.repeat(200));
    const lines = encoded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    lines.forEach((line, index) => {
      expect(line.length).toBeLessThanOrEqual(76);
      const last = index === lines.length - 1;
      expect(line.endsWith('=')).toBe(!last);
      expect(last ? line : line.slice(0, -1)).toMatch(/^(=C3=A9)+$/);
    });
    expect(decodeQuotedPrintable(encoded)).toBe('é'.repeat(200));
  });

  it('encodes "=" and trailing spaces and tabs, and leaves inner spaces alone', () => {
    expect(encodeQuotedPrintable('a=b')).toBe('a=3Db');
    expect(encodeQuotedPrintable('end of line \nnext\t\nin side')).toBe('end of line=20\r\nnext=09\r\nin side');
    expect(encodeQuotedPrintable(' ')).toBe('=20');
  });

  it('uses all 76 columns on a line that ends, and breaks at 75 plus "=" on one that continues', () => {
    expect(encodeQuotedPrintable('a'.repeat(76))).toBe('a'.repeat(76));
    expect(encodeQuotedPrintable('a'.repeat(77))).toBe(`${'a'.repeat(75)}=\r\naa`);
  });

  it('round-trips mixed text, CRLF input and four-byte characters', () => {
    const text = `${'Узбеки = беженцы 𝔘 '.repeat(12)}\n\nline with trailing space \nlast`;
    const encoded = encodeQuotedPrintable(text.replace(/\n/g, '\r\n'));
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).not.toMatch(/[ \t]\r\n|[ \t]$/);
    expect(decodeQuotedPrintable(encoded)).toBe(text);
  });
});
