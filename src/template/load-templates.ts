import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileDiagnostic, UaError } from '../diagnostics/ua-error.js';
import { LanguageTagSchema } from '../schema/action-schema.js';
import { LetterStringsSchema } from './letter-strings.js';
import { compileTemplateSet } from './template-engine.js';
import { templateError } from './template-error.js';
import { ENTRY_TEMPLATE, type TemplateSet, type TemplateSource } from './template-set.js';

// Layout of a template folder, built in (templates/ of the package) or given with overridesDir:
//
//   <dir>/<lang>/letter.hbs      the letter, salutation through complimentary close
//   <dir>/<lang>/<name>.hbs      partials, used as {{> name}}
//   <dir>/<lang>/strings.json    labels and phrases (see letter-strings.ts)
//
// Overrides are per language only: a template's text is in one language, so a language-independent
// override would rarely be right. Folders are layered, later ones winning: the built-in folders, then
// the override folders, each from the least to the most specific tag (de, then de-CH). A later .hbs file
// replaces the earlier template of the same name; a later strings.json replaces single strings, so an
// override may hold only the strings it changes. A language is supported when any layer exists.

// Resolved against this module, so src/template/ and dist/template/ both find the package's templates/.
const BUILT_IN_TEMPLATES = new URL('../../templates/', import.meta.url);

const STRINGS_FILE = 'strings.json';
const TEMPLATE_EXTENSION = '.hbs';

/** `sr-Latn-RS` → `sr`, `sr-Latn`, `sr-Latn-RS`: the folders to read, least specific first. */
function languageLayers(language: string): string[] {
  const parts = language.split('-');
  return parts.map((_, index) => parts.slice(0, index + 1).join('-'));
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function unreadable(file: string, error: unknown): UaError {
  const message = `cannot read ${file}: ${(error as Error).message}`;
  return new UaError('template/unreadable', message, {
    diagnostics: [fileDiagnostic(file, 'template/unreadable', message)],
    exitCode: 2,
    cause: error,
  });
}

// Names in a folder, sorted so that loading is deterministic; undefined when the folder does not exist.
async function listFolder(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw unreadable(dir, error);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

// JSON.parse reports an offset ("at position 41"); diagnostics want a line and column.
function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } {
  const offset = /position (\d+)/.exec((error as Error).message)?.[1];
  if (offset === undefined) return { line: 0, column: 0 };
  const before = text.slice(0, Number(offset)).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

async function readStrings(file: string): Promise<Record<string, unknown>> {
  const text = await readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `not valid JSON: ${(error as Error).message}`;
    throw templateError('template/invalid-strings', file, message, jsonErrorPosition(text, error), error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw templateError('template/invalid-strings', file, 'expected an object of strings', { line: 1, column: 1 });
  }
  return value as Record<string, unknown>;
}

async function availableLanguages(): Promise<string[]> {
  return (await listFolder(fileURLToPath(BUILT_IN_TEMPLATES))) ?? [];
}

async function checkOverridesDir(overridesDir: string): Promise<void> {
  try {
    if ((await stat(overridesDir)).isDirectory()) return;
  } catch (error) {
    if (!isNotFound(error)) throw unreadable(overridesDir, error);
  }
  const message = `template folder ${overridesDir} does not exist or is not a folder`;
  throw new UaError('template/overrides-not-found', message, {
    diagnostics: [fileDiagnostic(overridesDir, 'template/overrides-not-found', message)],
    exitCode: 2,
  });
}

/**
 * Loads and compiles the templates of a language, built in or from `overridesDir/<lang>/` (which wins
 * by template name). Load once and render many letters with the set.
 */
export async function loadTemplates(language: string, overridesDir?: string): Promise<TemplateSet> {
  if (overridesDir !== undefined) await checkOverridesDir(overridesDir);
  const builtIn = fileURLToPath(BUILT_IN_TEMPLATES);
  // The tag becomes a folder name: only a well-formed tag may reach the file system.
  const tags = LanguageTagSchema.safeParse(language).success ? languageLayers(language) : [];
  const folders = [
    ...tags.map((tag) => join(builtIn, tag)),
    ...(overridesDir === undefined ? [] : tags.map((tag) => join(overridesDir, tag))),
  ];

  const templates = new Map<string, TemplateSource>();
  // A Map, so that a "__proto__" key in a strings.json stays a key and never becomes a prototype.
  const strings = new Map<string, unknown>();
  const stringFiles: string[] = [];
  let lastFolder: string | undefined;
  for (const folder of folders) {
    const names = await listFolder(folder);
    if (names === undefined) continue;
    lastFolder = folder;
    for (const name of names) {
      const file = join(folder, name);
      if (name === STRINGS_FILE) {
        for (const [key, value] of Object.entries(await readStrings(file))) strings.set(key, value);
        stringFiles.push(file);
      } else if (name.endsWith(TEMPLATE_EXTENSION)) {
        const templateName = name.slice(0, -TEMPLATE_EXTENSION.length);
        templates.set(templateName, { name: templateName, file, source: await readText(file) });
      }
    }
  }

  if (lastFolder === undefined) {
    const builtInLanguages = (await availableLanguages()).join(', ');
    const message = `no templates for the language "${language}" (built in: ${builtInLanguages})`;
    const where = overridesDir ?? builtIn;
    throw new UaError('template/missing-language', message, {
      diagnostics: [fileDiagnostic(where, 'template/missing-language', message)],
    });
  }
  if (!templates.has(ENTRY_TEMPLATE)) {
    const message = `no ${ENTRY_TEMPLATE}${TEMPLATE_EXTENSION} for the language "${language}"`;
    throw templateError('template/missing-template', lastFolder, message, { line: 0, column: 0 });
  }

  const parsed = LetterStringsSchema.safeParse(Object.fromEntries(strings));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    const message =
      issue?.code === 'invalid_type' && issue.input === undefined
        ? `missing the string "${key}"`
        : `string "${key}" ${issue?.message ?? 'is invalid'}`;
    const file = stringFiles.at(-1) ?? join(lastFolder, STRINGS_FILE);
    throw templateError('template/invalid-strings', file, message, { line: 0, column: 0 });
  }

  return compileTemplateSet(language, [...templates.values()], parsed.data, stringFiles);
}
