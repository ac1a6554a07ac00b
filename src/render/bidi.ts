// Bidirectional text for the PDF renderer. pdfkit draws every string left to right and never
// reorders (foliojs/pdfkit#219), so a line that mixes Arabic or Hebrew with digits and Latin names
// is cut here into runs of one direction, put in the order they are drawn, by the Unicode
// Bidirectional Algorithm (UAX #9, via bidi-js). It works on one line that is already wrapped, in
// logical order; levels are resolved on that line alone, so the caller gives every line of a
// paragraph the paragraph's direction.
import { createRequire } from 'node:module';
import type { Bidi, BidiCharTypeName } from 'bidi-js';
import { graphemesOf } from './graphemes.js';

// bidi-js is a UMD module whose typings declare an ES default export; under NodeNext a default
// import type-checks as the module object rather than the factory, so it is required.
const bidiFactory = createRequire(import.meta.url)('bidi-js') as () => Bidi;

export type BaseDirection = 'ltr' | 'rtl' | 'auto';

/** A stretch of one line in one direction, at one embedding level. */
export interface VisualRun {
  /** The run's characters in logical order, brackets mirrored when `rtl`. */
  readonly text: string;
  /** Drawn right to left (an odd embedding level). */
  readonly rtl: boolean;
  /** Logical offsets of the run in the line, in UTF-16 units, `end` exclusive. */
  readonly start: number;
  readonly end: number;
}

interface LeveledRun extends VisualRun {
  readonly level: number;
}

let engine: Bidi | undefined;

// The factory's tables are built on first use: most runs of ua-letter write no right-to-left text.
function bidi(): Bidi {
  engine ??= bidiFactory();
  return engine;
}

// bidi-js classifies UTF-16 units, so both halves of a surrogate pair read as L: an emoji (ON) or
// an Adlam letter (R) would be taken for Latin. A BMP character of the same class stands in for
// each half while levels are resolved; the line's own text is what the runs carry.
const STAND_INS: Partial<Record<BidiCharTypeName, string>> = {
  R: '\u05d0',
  AL: '\u0627',
  EN: '0',
  AN: '\u0660',
  ES: '+',
  ET: '#',
  CS: ',',
  NSM: '\u0300',
  BN: '\u200b',
  ON: '!',
};

function withBmpStandIns(line: string): string {
  if (!/[\ud800-\udbff]/.test(line)) return line;
  return line.replace(/[\ud800-\udbff][\udc00-\udfff]/g, (pair) => {
    const standIn = STAND_INS[bidi().getBidiCharTypeName(pair)];
    return standIn === undefined ? pair : standIn + standIn;
  });
}

// Maximal stretches of one level in logical order, mirrored characters swapped in odd-level ones.
function logicalRuns(
  line: string,
  levels: Uint8Array,
  mirrored: ReadonlyMap<number, string>,
  from: number,
  to: number,
): LeveledRun[] {
  const runs: LeveledRun[] = [];
  let start = from;
  while (start < to) {
    const level = levels[start] ?? 0;
    let end = start + 1;
    while (end < to && levels[end] === level) end++;
    let text = '';
    for (let i = start; i < end; i++) text += mirrored.get(i) ?? line.charAt(i);
    runs.push({ text, rtl: level % 2 === 1, start, end, level });
    start = end;
  }
  return runs;
}

// UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs
// at that level or higher. Runs move as wholes; the characters of a run keep their logical order.
function reorderRuns(runs: LeveledRun[]): LeveledRun[] {
  const highest = Math.max(...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => run.level | 1));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < runs.length) {
      if ((runs[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j]?.level ?? 0) >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs;
}

/**
 * Splits one logical line into runs in visual (left-to-right drawing) order, brackets mirrored in
 * RTL runs. `base` is the paragraph's direction: give every line of a paragraph the same one.
 */
export function visualRuns(line: string, base: BaseDirection): VisualRun[] {
  if (line === '') return [];
  const { levels, paragraphs } = bidi().getEmbeddingLevels(withBmpStandIns(line), base);
  const mirrored = bidi().getMirroredCharactersMap(line, levels);
  // A line holds no paragraph separator unless a caller left a "\n" in it; each paragraph is then
  // reordered on its own, and they follow one another.
  return paragraphs.flatMap((paragraph) =>
    reorderRuns(logicalRuns(line, levels, mirrored, paragraph.start, paragraph.end + 1)).map(
      ({ text, rtl, start, end }) => ({ text, rtl, start, end }),
    ),
  );
}

/**
 * The paragraph direction a line would get under the Unicode rules (first strong character).
 * Text in isolates is skipped; with no strong character at all a line is left to right.
 */
export function detectDirection(text: string): 'ltr' | 'rtl' {
  let isolates = 0;
  for (const char of text) {
    const type = bidi().getBidiCharTypeName(char);
    if (type === 'LRI' || type === 'RLI' || type === 'FSI') isolates++;
    else if (type === 'PDI') isolates = Math.max(0, isolates - 1);
    // Isolates end with their paragraph; the next paragraph's first strong character decides.
    else if (type === 'B') isolates = 0;
    else if (isolates === 0 && type === 'L') return 'ltr';
    else if (isolates === 0 && (type === 'R' || type === 'AL')) return 'rtl';
  }
  return 'ltr';
}

// fontkit 2 takes a run's script from its first character outside Common and Inherited, and lays
// the run out right to left (reversing the glyphs itself) only for the scripts of its RTL table.
const SCRIPT_NEUTRAL = /[\p{sc=Zyyy}\p{sc=Zinh}\p{sc=Zzzz}]/u;
const FONTKIT_RTL_SCRIPTS = [
  'Arab', 'Hebr', 'Syrc', 'Thaa', 'Cprt', 'Khar', 'Phnx', 'Nkoo', 'Lydi', 'Avst', 'Armi', 'Phli', 'Prti',
  'Sarb', 'Orkh', 'Samr', 'Mand', 'Merc', 'Mero', 'Mani', 'Mend', 'Nbat', 'Narb', 'Palm', 'Phlp',
];
const FONTKIT_RTL_SCRIPT = new RegExp(`[${FONTKIT_RTL_SCRIPTS.map((script) => `\\p{sc=${script}}`).join('')}]`, 'u');

/**
 * The text to draw for a run with pdfkit, which shapes it with fontkit: an RTL run whose script
 * fontkit reverses by itself stays in logical order (Arabic must, to be shaped); any other RTL run
 * (only punctuation and spaces, such as ")." after a Latin name) is reversed here, by grapheme.
 * Draw it with `features` set (e.g. `[]`): without, pdfkit shapes word by word and puts the words
 * of an RTL run back in logical order.
 */
export function textForFontkit(run: VisualRun): string {
  if (!run.rtl) return run.text;
  for (const char of run.text) {
    if (SCRIPT_NEUTRAL.test(char)) continue;
    if (FONTKIT_RTL_SCRIPT.test(char)) return run.text;
    break;
  }
  return graphemesOf(run.text).reverse().join('');
}
