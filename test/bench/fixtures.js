// Inputs shared by every benchmark case: the action, the signers that multiply it into N letters,
// copies of the example actions for `validate`, and the plain text of each letter for the peers.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
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

/** `count` signers as loadSigners would return them: each a different name and address. */
export function makeSigners(count) {
  return Array.from({ length: count }, (_, index) => {
    const row = index + 1;
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
  });
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
  const lines = letters.slice(0, count).map((letter) => JSON.stringify(renderText(composeLetter({ letter, templates, sender: letter.sender, date: DATE }))));
  await writeFile(file, `${lines.join('\n')}\n`);
}

/** Signers for N letters of the bench action (N is rounded up to a multiple of its recipients). */
export async function signersFor(letters) {
  const { loadAction } = await import(join(DIST, 'index.js'));
  const loaded = await loadAction(BENCH_ACTION, { today: DATE });
  if (!loaded.ok) throw new Error(`${BENCH_ACTION} does not load`);
  return makeSigners(Math.ceil(letters / loaded.action.recipients.length));
}
