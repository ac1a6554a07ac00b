// Inputs shared by every benchmark case: the action, the signers that multiply it into N letters,
// copies of the example actions for `validate`, and the plain text of each letter for the peers.
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built library the bench runs: this checkout's, or another build (BENCH_DIST) to compare. */
export const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
export const ACTIONS_DIR = join(ROOT, 'actions');
/** The README's example action: two recipients, so N letters are N/2 signers. */
export const BENCH_ACTION = join(ACTIONS_DIR, 'ua-129-10.yaml');
/** Letter date and "today": inside the action's window, so nothing is refused or warned about. */
export const DATE = '2010-09-20';

const FIRST = ['Anna', 'Jürgen', 'Marie-Hélène', 'Tomasz', 'Olga', 'Seán', 'Chiara', 'David', 'Zoë', 'Mikko'];
const LAST = ['Müller', 'Kowalski', 'Dubois', 'Smith', 'Ivanova', 'García', 'O’Brien', 'Rossi', 'Nowak', 'Virtanen'];
const CITIES = [['10115', 'Berlin', 'Germany'], ['75011', 'Paris', 'France'], ['SW1A 1AA', 'London', 'United Kingdom'], ['00-950', 'Warszawa', 'Poland']];

/** The signer of data row `row` (from 1): each a different name and address. */
export function makeSigner(row) {
  const index = row - 1;
  const [postcode, city, country] = CITIES[index % CITIES.length];
  return {
    row,
    line: row + 1,
    useReturnAddress: false,
    sender: {
      name: `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${row}`,
      address: [`${(row % 200) + 1} Lindenstraße`],
      postcode,
      city,
      country,
    },
  };
}

/** `count` signers as loadSigners would return them. */
export function makeSigners(count) {
  return Array.from({ length: count }, (_, index) => makeSigner(index + 1));
}

/** Writes a signers CSV of `count` rows (the signers of makeSigner), a few thousand rows at a time. */
export async function writeSignersCsv(file, count) {
  const out = await open(file, 'w');
  try {
    await out.write('name,address,postcode,city,country\n');
    for (let start = 1; start <= count; start += 5000) {
      const rows = [];
      for (let row = start; row < Math.min(start + 5000, count + 1); row++) {
        const { name, address, postcode, city, country } = makeSigner(row).sender;
        rows.push(`${[name, address[0], postcode, city, country].join(',')}\n`);
      }
      await out.write(rows.join(''));
    }
  } finally {
    await out.close();
  }
}

/** The GenerateOptions of a benchmark run writing `formats` for `signers` into `outDir`. */
export function generateOptions(outDir, signers, formats, extra = {}) {
  return {
    outDir,
    formats,
    languages: [],
    date: DATE,
    today: DATE,
    sender: null,
    signers,
    signersFile: 'bench-signers.csv',
    includeCopies: false,
    allowExpired: true,
    force: false,
    dryRun: false,
    ...extra,
  };
}

/** Writes `count` copies of actions/*.yaml (cycled) into `dir`, for `validate`. */
export async function copyActions(dir, count) {
  await mkdir(dir, { recursive: true });
  const names = (await readdir(ACTIONS_DIR)).filter((name) => name.endsWith('.yaml')).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(ACTIONS_DIR, name), 'utf8')));
  for (let i = 0; i < count; i++) {
    const k = i % names.length;
    await writeFile(join(dir, `${String(i).padStart(5, '0')}-${basename(names[k])}`), texts[k]);
  }
}

/**
 * Writes the text of `count` letters, one JSON string per line, as ua-letter's text renderer
 * lays them out, so the peers (plain pdfkit, Chromium) set exactly the same words.
 */
export async function writeLetterTexts(file, count) {
  const { loadAction, planLetters, composeLetter, renderText } = await import(join(DIST, 'index.js'));
  const { loadTemplates } = await import(join(DIST, 'template', 'load-templates.js'));
  const loaded = await loadAction(BENCH_ACTION, { today: DATE });
  if (!loaded.ok) throw new Error(`${BENCH_ACTION} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const recipients = loaded.action.recipients.length;
  const { letters } = planLetters(loaded, { languages: [], includeCopies: false, signers: makeSigners(Math.ceil(count / recipients)) });
  const templates = await loadTemplates(loaded.action.languages[0]);
  const lines = Array.from({ length: Math.min(count, letters.length) }, (_, i) => letters.at(i)).map((letter) => JSON.stringify(renderText(composeLetter({ letter, templates, sender: letter.sender, date: DATE }))));
  await writeFile(file, `${lines.join('\n')}\n`);
}

/**
 * Signers for N letters of the bench action (N is rounded up to a multiple of its recipients), as
 * `ua-letter generate --signers` has them: a CSV file in `work`, read by loadSigners.
 */
export async function signersFor(letters, work) {
  const { loadAction, loadSigners } = await import(join(DIST, 'index.js'));
  const loaded = await loadAction(BENCH_ACTION, { today: DATE });
  if (!loaded.ok) throw new Error(`${BENCH_ACTION} does not load`);
  const count = Math.ceil(letters / loaded.action.recipients.length);
  const file = join(work, `signers-${count}.csv`);
  await writeSignersCsv(file, count);
  const signers = await loadSigners(file);
  if (!signers.ok) throw new Error(`${file} does not load: ${JSON.stringify(signers.diagnostics)}`);
  return signers.signers;
}
