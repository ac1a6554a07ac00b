// The fonts a PDF letter is set in: read and parsed once per file per process, then shared by
// every letter of a run. This is the only render module that reads files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
// @ts-expect-error -- fontkit 2 ships no type declarations; FontkitFont below types what we use.
import { create as createFontkitFont } from 'fontkit';
import { fontUnreadable } from './font-unreadable.js';
import { takeKeptRuns } from './shaped-pieces.js';
import { rememberFeatureLookups } from './feature-lookups.js';

/** The part of a parsed fontkit font that ua-letter relies on (pdfkit uses more of it). */
export interface FontkitFont {
  readonly type: string;
  readonly postscriptName: string | null;
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { readonly advanceWidth: number };
}

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** One font file, parsed. */
export interface LoadedFont {
  readonly path: string;
  readonly buffer: Uint8Array;
  readonly font: FontkitFont;
}

/** The four styles a letter uses; one file may serve several styles. */
export type FontSet = { readonly [S in FontStyle]: LoadedFont };

// Picks the face a run of text is set in.
export function fontStyleOf(run: { readonly bold?: boolean; readonly italic?: boolean }): FontStyle {
  if (run.bold) return run.italic ? 'boldItalic' : 'bold';
  return run.italic ? 'italic' : 'regular';
}

/** Font file paths by style, e.g. from `--font FILE`. */
export type FontPaths = { readonly [S in FontStyle]?: string };

const DEFAULT_FILES: { readonly [S in FontStyle]: string } = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
};

// DejaVu Serif has neither Arabic nor Hebrew letters; DejaVu Sans has both (with joining forms
// for Arabic, Farsi and Urdu). Its oblique faces have Hebrew but no Arabic, and Arabic script
// knows no italics anyway, so Arabic-script letters set italics upright.
const ARABIC_SCRIPT_FILES: { readonly [S in FontStyle]: string } = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans.ttf',
  boldItalic: 'DejaVuSans-Bold.ttf',
};
const HEBREW_SCRIPT_FILES: { readonly [S in FontStyle]: string } = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

// Languages written in Arabic or Hebrew script unless a script subtag says otherwise.
const ARABIC_SCRIPT_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ur', 'ps', 'ckb', 'sd', 'ug', 'ks', 'bal']);
const HEBREW_SCRIPT_LANGUAGES = new Set(['he', 'iw', 'yi', 'lad']);

// The bundled fonts a letter in `language` (a BCP 47 tag) is set in by default: DejaVu Serif,
// or DejaVu Sans for languages written in Arabic or Hebrew script ("ar", "fa", "he", "az-Arab").
export function defaultFontPathsFor(language: string): { readonly [S in FontStyle]: string } {
  const [primary = '', ...rest] = language.toLowerCase().split(/[-_]/);
  const script = rest.find((subtag) => /^[a-z]{4}$/.test(subtag));
  const files =
    script === 'arab' || (script === undefined && ARABIC_SCRIPT_LANGUAGES.has(primary))
      ? ARABIC_SCRIPT_FILES
      : script === 'hebr' || (script === undefined && HEBREW_SCRIPT_LANGUAGES.has(primary))
        ? HEBREW_SCRIPT_FILES
        : DEFAULT_FILES;
  return {
    regular: bundledFontPath(files.regular),
    bold: bundledFontPath(files.bold),
    italic: bundledFontPath(files.italic),
    boldItalic: bundledFontPath(files.boldItalic),
  };
}

// Parsing is cheap (fontkit reads tables lazily) but the glyph and layout caches fontkit builds
// on a Font object are not, so the same object is handed out for the same file all run long.
const cache = new Map<string, LoadedFont>();

// Loads the letter fonts: by default those of defaultFontPathsFor(language) (DejaVu Serif, or
// DejaVu Sans for Arabic and Hebrew script); a user font given only as `regular` also serves
// the other styles, so every style covers the same characters.
export function loadFontSet(options: FontPaths = NO_FONTS, language = ''): FontSet {
  // A print file asks for each letter's set: answered from here, without resolving four paths.
  let byLanguage = setsByOptions.get(options);
  if (byLanguage === undefined) setsByOptions.set(options, (byLanguage = new Map()));
  const loaded = byLanguage.get(language);
  if (loaded !== undefined) return loaded;
  const defaults = defaultFontPathsFor(language);
  const pick = (style: FontStyle): LoadedFont => loadFont(options[style] ?? options.regular ?? defaults[style]);
  const set = { regular: pick('regular'), bold: pick('bold'), italic: pick('italic'), boldItalic: pick('boldItalic') };
  // The same files give the same set object, which the renderers' caches are keyed on.
  const key = [set.regular, set.bold, set.italic, set.boldItalic].map((f) => f.path).join('\n');
  let known = fontSets.get(key);
  if (known === undefined) fontSets.set(key, (known = set));
  byLanguage.set(language, known);
  return known;
}

const fontSets = new Map<string, FontSet>();
const NO_FONTS: FontPaths = Object.freeze({});
// Sets by the paths asked for (the same object all run long) and language.
const setsByOptions = new WeakMap<FontPaths, Map<string, FontSet>>();

// Reads and parses one TTF or OTF file, or fails with `font/unreadable` (exit code 2).
export function loadFont(path: string): LoadedFont {
  const absolute = resolve(path);
  const cached = cache.get(absolute);
  if (cached) return cached;
  // The bundled fonts are known to shape: the trial shaping that checks a user's font would cost
  // ~10 ms a face (its layout tables read), for faces a letter may never use (italics).
  const bundled = bundledFolder !== undefined && absolute.startsWith(`${bundledFolder}${sep}`);
  const loaded = { path: absolute, ...readFont(path, !bundled) };
  cache.set(absolute, loaded);
  return loaded;
}

function readFont(path: string, tryShaping: boolean): { buffer: Uint8Array; font: FontkitFont } {
  let buffer: Uint8Array;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    throw fontUnreadable(path, `cannot read font file ${path}: ${errorText(error)}`, error);
  }
  let font: FontkitFont;
  try {
    font = (createFontkitFont as (data: Uint8Array) => FontkitFont)(buffer);
  } catch (error) {
    throw fontUnreadable(path, `${path} is not a usable font: ${errorText(error)}`, error);
  }
  // WOFF/WOFF2 and collections parse, but pdfkit cannot embed them reliably (WOFF2 crashes on
  // composite glyphs), so only plain sfnt files (TrueType or CFF outlines) are accepted.
  if (font.type !== 'TTF') {
    throw fontUnreadable(path, `${path} is a ${font.type} font; use a .ttf or .otf file`);
  }
  try {
    // Shape a few characters now (cmap, metrics, layout tables), so a damaged file fails here
    // with a clear message rather than halfway through a batch of letters.
    if (!(font.unitsPerEm > 0)) throw new Error('no usable head table');
    if (tryShaping) font.layout('Aa1 ');
  } catch (error) {
    throw fontUnreadable(path, `${path} is not a usable font: ${errorText(error)}`, error);
  }
  takeKeptRuns(font);
  rememberFeatureLookups(font);
  return { buffer, font };
}

// Resolved once: the print file asks for a letter's fonts once per letter.
let bundledFolder: string | undefined;

function bundledFontPath(file: string): string {
  bundledFolder ??= join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return join(bundledFolder, file);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
