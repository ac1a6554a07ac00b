import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdfText, isToolAvailable, pdffonts, qpdfCheck } from '../helpers/pdf.js';
import { hashFiles, listFiles } from '../helpers/files.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { REPO_ROOT, fixture, runBinary } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'ua-letter-generate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


const poppler = isToolAvailable('pdffonts') && isToolAvailable('qpdf');
const action = parse(readFileSync(`${REPO_ROOT}actions/ua-129-10.yaml`, 'utf8')) as {
  recipients: { name: string; salutation: Record<string, string> }[];
  letter: Record<string, { demands: string[] }>;
};

describe('ua-letter generate on UA 129/10, every language, PDF and text', () => {
  const out = join(work, 'ua-129-10');
  const args = ['generate', 'actions/ua-129-10.yaml', '--lang', 'all', '--format', 'pdf,txt', '--date', '2010-10-01', '--allow-expired', '-o', out];
  let first: Record<string, string> = {};

  it('writes one PDF and one text file per recipient per language, and a manifest', async () => {
    const run = await runBinary(args);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    expect(listFiles(out)).toEqual([
      'manifest.csv',
      'manifest.json',
      'ua-129-10/en/01-serik-baimaganbetov.pdf',
      'ua-129-10/en/01-serik-baimaganbetov.txt',
      'ua-129-10/en/02-kanat-saudabayev.pdf',
      'ua-129-10/en/02-kanat-saudabayev.txt',
      'ua-129-10/ru/01-serik-baimaganbetov.pdf',
      'ua-129-10/ru/01-serik-baimaganbetov.txt',
      'ua-129-10/ru/02-kanat-saudabayev.pdf',
      'ua-129-10/ru/02-kanat-saudabayev.txt',
    ]);
    expect(run.stderr).toContain('pass --embassies FILE');
    first = hashFiles(out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { letterDate: string; letters: { path: string; sha256: string; deadline: string; pages?: number }[] };
    expect(manifest.letterDate).toBe('2010-10-01');
    expect(manifest.letters).toHaveLength(8);
    for (const entry of manifest.letters) {
      expect(entry.deadline).toBe('2010-10-29');
      expect(entry.sha256).toBe(first[entry.path]);
      if (entry.path.endsWith('.pdf')) expect(entry.pages).toBeGreaterThanOrEqual(1);
    }
  });

  it('puts the recipient, the salutation in the letter language and every demand in each PDF', async () => {
    for (const language of ['en', 'ru']) {
      for (const [i, recipient] of action.recipients.entries()) {
        const name = `0${i + 1}-${recipient.name.toLowerCase().replace(/ /g, '-')}`;
        const text = (await extractPdfText(readFileSync(join(out, `ua-129-10/${language}/${name}.pdf`)))).replace(/\s+/g, ' ');
        expect(text).toContain(recipient.name);
        expect(text).toContain(recipient.salutation[language]);
        for (const demand of action.letter[language]?.demands ?? []) expect(text).toContain(demand.replace(/\s+/g, ' '));
      }
    }
    const russian = await extractPdfText(readFileSync(join(out, 'ua-129-10/ru/01-serik-baimaganbetov.pdf')));
    expect(russian).toMatch(/Уважаемый господин министр/);
  });

  it.runIf(poppler || process.env['CI'])('embeds every font with a Unicode map, and qpdf --check passes', async () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.pdf'))) {
      const fonts = await pdffonts(join(out, file));
      expect(fonts.available && fonts.status, file).toBe(0);
      const rows = fonts.available ? fonts.stdout.split('\n').slice(2).filter(Boolean) : [];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+yes\b/);
      const check = await qpdfCheck(join(out, file));
      expect(check.available && check.status, file).toBe(0);
    }
  });

  it('wraps text letters at 72 columns', () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.txt'))) {
      for (const line of readFileSync(join(out, file), 'utf8').split('\n')) expect([...line].length).toBeLessThanOrEqual(72);
    }
  });

  it('gives byte-identical files when run again with --force', async () => {
    const again = await runBinary([...args, '--force']);
    expect(again.code).toBe(0);
    expect(hashFiles(out)).toEqual(first);
  });

  it('refuses to overwrite without --force and changes nothing', async () => {
    const before = statSync(join(out, 'ua-129-10/en/01-serik-baimaganbetov.pdf')).mtimeMs;
    const run = await runBinary(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exist');
    expect(run.stderr).toContain('--force');
    expect(hashFiles(out)).toEqual(first);
    expect(statSync(join(out, 'ua-129-10/en/01-serik-baimaganbetov.pdf')).mtimeMs).toBe(before);
  });
});

describe('ua-letter generate: refusals and safety', () => {
  it('refuses an expired action without --allow-expired, naming the deadline', async () => {
    const out = join(work, 'expired');
    const run = await runInProcess(['generate', 'actions/ua-129-10.yaml', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the deadline 2010-10-29 has passed');
    expect(run.stderr).toContain('section office');
    expect(() => readdirSync(out)).toThrow();
  });

  it('refuses a closed action', async () => {
    const run = await runInProcess(['generate', 'actions/khamidkariev.yaml', '-o', join(work, 'closed'), '--allow-expired']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this action is closed');
  });

  it('writes nothing in a dry run, and lists what it would write', async () => {
    const out = join(work, 'dry');
    const run = await runInProcess(['generate', fixture('generate', 'current-action.yaml'), '--dry-run', '-o', out, '-f', 'txt']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would write 2 letters');
    expect(run.stdout).toContain('current-action/en/01-serik-baimaganbetov.txt');
    expect(() => readdirSync(out)).toThrow();
  });

  it('keeps hostile recipient names inside the output folder', async () => {
    const out = join(work, 'hostile');
    const run = await runInProcess(['generate', fixture('generate', 'current-action.yaml'), '-o', out, '-f', 'txt', '--lang', 'all']);
    expect(run.code).toBe(0);
    const files = listFiles(out);
    expect(files).toContain('current-action/en/02-tmp-escape-evil.txt');
    for (const file of files) expect(file.startsWith('current-action/') || file.startsWith('manifest.')).toBe(true);
  });

  it('writes copies, the embassy letter and the sender, in German', async () => {
    const out = join(work, 'copies');
    const run = await runInProcess([
      'generate', fixture('generate', 'current-action.yaml'), '-o', out, '-f', 'txt', '--lang', 'de', '--include-copies',
      '--embassies', fixture('config', 'embassies.yaml'), '--sender', fixture('config', 'sender.yaml'), '--date', '2026-11-24',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('Anna Beispiel');
    expect(listFiles(out)).toContain('current-action/de/04-ambassador-of-the-republic-of-kazakhstan.txt');
    const letter = readFileSync(join(out, 'current-action/de/01-serik-baimaganbetov.txt'), 'utf8');
    expect(letter).toContain('Berlin, 24. November 2026');
    expect(letter).toContain('Sehr geehrter Herr Minister,');
    expect(letter).toContain('Mit freundlichen Grüßen');
    expect(letter).toContain('Anna Beispiel');
    expect(letter).toMatch(/Kopie an: +Mami Kairat/);
    const embassy = readFileSync(join(out, 'current-action/de/04-ambassador-of-the-republic-of-kazakhstan.txt'), 'utf8');
    expect(embassy).toContain('Embassy of the Republic of Kazakhstan');
  });

  it('refuses a name the font cannot draw, naming the field, its line and --font', async () => {
    const out = join(work, 'glyph');
    const file = fixture('generate', 'chinese-name.yaml');
    const run = await runInProcess(['generate', file, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:14:11: error`);
    expect(run.stderr).toContain('"王" (U+738B)');
    expect(run.stderr).toContain('[recipients[0].name]');
    expect(run.stderr).toContain('--font FILE');
    expect(() => readdirSync(out)).toThrow();
  });

  it('reports usage errors with exit 2', async () => {
    expect((await runInProcess(['generate'])).code).toBe(2);
    expect((await runInProcess(['generate', 'actions/ua-129-10.yaml', '--format', 'docx'])).stderr).toContain('unknown format "docx"');
    expect((await runInProcess(['generate', 'actions/ua-129-10.yaml', '--date', 'tomorrow'])).code).toBe(2);
    const lang = await runInProcess(['generate', fixture('generate', 'current-action.yaml'), '--lang', 'fr', '--dry-run']);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('allows letters in en, de, not in fr');
  });
});

describe('ua-letter generate: email drafts and posts', () => {
  it('writes an .eml per recipient with an email address that a mail parser reads back', async () => {
    const { simpleParser } = await import('mailparser');
    const out = join(work, 'eml');
    const run = await runInProcess(['generate', 'actions/ua-129-10.yaml', '--allow-expired', '-f', 'eml,posts', '-l', 'all', '-o', out, '--sender', fixture('config', 'sender.yaml'), '--date', '2010-10-01']);
    expect(run.code).toBe(0);
    const mail = await simpleParser(readFileSync(join(out, 'ua-129-10/ru/01-serik-baimaganbetov.eml')));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('usmvd@asdc.kz');
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('procuror@nursat.kz');
    expect(mail.subject).toBe('UA 129/10: Узбекам грозит принудительное возвращение');
    expect(mail.from?.value).toEqual([{ name: 'Anna Beispiel', address: 'anna@example.org' }]);
    const body = (mail.text ?? '').replace(/\s+/g, ' ');
    expect(body).toContain('Уважаемый господин министр!');
    for (const demand of action.letter['ru']?.demands ?? []) expect(body).toContain(demand.replace(/\s+/g, ' '));
    expect(listFiles(out)).toContain('ua-129-10/posts.txt');
  });

  it('lists recipients without an email address as skipped', async () => {
    const run = await runInProcess(['generate', 'actions/ua-84-11-update-2.yaml', '--allow-expired', '-f', 'eml', '-o', join(work, 'eml-skip')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning no email address for Ю. Я. Чайка: no .eml written for it [recipients[0]] (generate/no-email)');
  });
});

describe('ua-letter generate: fax', () => {
  it('writes a fax PDF with a cover header for each recipient with a fax number', async () => {
    const out = join(work, 'fax');
    const run = await runInProcess(['generate', 'actions/ua-129-10.yaml', '--allow-expired', '-f', 'fax', '-l', 'ru', '-o', out, '--sender', fixture('config', 'sender.yaml'), '--date', '2010-10-01']);
    expect(run.code).toBe(0);
    expect(listFiles(out)).toContain('ua-129-10/ru/01-serik-baimaganbetov.fax.pdf');
    const text = (await extractPdfText(readFileSync(join(out, 'ua-129-10/ru/01-serik-baimaganbetov.fax.pdf')))).replace(/\s+/g, ' ');
    expect(text).toContain('Факс');
    expect(text).toContain('+7 7172 37 36 01');
    expect(text).toContain('Anna Beispiel');
    expect(text).toContain('Уважаемый господин министр!');
  });
});

describe('ua-letter generate: Arabic', () => {
  it('sets an Arabic letter in a font that has Arabic, with the text extractable in logical order', async () => {
    const out = join(work, 'arabic');
    const run = await runInProcess(['generate', fixture('generate', 'arabic-action.yaml'), '-l', 'ar', '-f', 'pdf,txt', '-o', out, '--date', '2026-11-24']);
    expect(run.code).toBe(0);
    const pdf = join(out, 'arabic-action/ar/01-serik-baimaganbetov.pdf');
    const text = (await extractPdfText(readFileSync(pdf))).normalize('NFKC').replace(/\s+/g, ' ');
    expect(text).toContain('معالي الوزير');
    expect(text).toContain('Nigmatulla Nabiev');
    expect(text).toContain('Serik Baimaganbetov');
    if (poppler) {
      const fonts = await pdffonts(pdf);
      expect(fonts.available && fonts.stdout).toContain('DejaVuSans');
    }
    expect(readFileSync(join(out, 'arabic-action/ar/01-serik-baimaganbetov.txt'), 'utf8')).toContain('معالي الوزير،');
  });
});

describe('ua-letter generate: two actions, one folder name', () => {
  it('refuses the second action whose output folder the first already uses', async () => {
    const dir = join(work, 'same-name');
    const text = readFileSync(fixture('generate', 'current-action.yaml'), 'utf8').replace(/^id: .*$/m, '');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, 'x.yaml'), text);
    }
    const run = await runInProcess(['generate', dir, '-f', 'txt', '-o', join(work, 'same-name-out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'b', 'x.yaml')}: error this action's output folder "x" is also ${join(dir, 'a', 'x.yaml')}'s`);
  });
});
