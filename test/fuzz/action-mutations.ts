import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, type Document, type Pair } from 'yaml';
import { actionJsonSchema } from '../../src/schema/json-schema.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// Malformed action files made from valid ones. Every mutation edits the YAML syntax tree of a valid
// action (so keys such as __proto__ and duplicate keys are written exactly as a person would write
// them), or edits the serialized text or bytes. Each says whether the result must be invalid.

/** Valid actions the mutations start from (all valid on BASE_TODAY). */
export const BASE_FILES = ['test/fixtures/validate/valid.yaml', 'actions/ua-129-10.yaml', 'actions/khamidkariev.yaml', 'actions/ua-84-11-update-2.yaml'];
export const BASE_TODAY = '2010-10-01';

type Path = (string | number)[];

export interface Base {
  readonly file: string;
  readonly text: string;
  /** Parsed once; every mutation edits a clone. */
  readonly doc: Document;
  readonly data: unknown;
  /** Every path in the document, root excluded, with the value found there. */
  readonly nodes: readonly { path: Path; value: unknown }[];
  readonly strings: readonly { path: Path; value: unknown }[];
  /** Values whose schema says which JSON types it takes (and not all of them). */
  readonly typed: readonly { path: Path; value: unknown }[];
  /** Maps the schema closes (unknown keys are errors), root included. */
  readonly closedMaps: readonly Path[];
  /** Maps with at least one key, root included. */
  readonly maps: readonly Path[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A malformed (or possibly still valid) action file. */
export interface Mutant {
  readonly kind: string;
  /** What was done, for the failure report. */
  readonly note: string;
  readonly text: string;
  /** The file must be refused with at least one error. */
  readonly mustBeInvalid: boolean;
  /** An error code the result must contain, when one is certain. */
  readonly expectCode?: string;
  /** For text that must survive loading: where it went and what it was. */
  readonly kept?: { readonly path: readonly (string | number)[]; readonly value: string };
}

// ---- the schema, read as JSON Schema, to know which maps are closed and which keys exist ----

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; additionalProperties?: boolean | JsonSchema; items?: JsonSchema; anyOf?: JsonSchema[]; required?: string[] };
const ROOT = actionJsonSchema() as JsonSchema;

function branchFor(node: JsonSchema | undefined, value: unknown): JsonSchema | undefined {
  if (!node?.anyOf) return node;
  const want = Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : typeof value;
  return node.anyOf.find((b) => b.type === want) ?? node.anyOf[0];
}

/** The JSON Schema node for the value at `path` of `data`, with every alternative (anyOf) it allows. */
function schemaNodeAt(data: unknown, path: readonly (string | number)[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = ROOT;
  let value = data;
  for (const part of path) {
    node = branchFor(node, value);
    if (!node) return undefined;
    node = typeof part === 'number' ? node.items : (node.properties?.[part] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
    value = (value as Record<string | number, unknown> | undefined)?.[part];
  }
  return node;
}

/** The JSON Schema node for the value at `path` of `data`: the alternative its value takes. */
function schemaAt(data: unknown, path: readonly (string | number)[]): JsonSchema | undefined {
  return branchFor(schemaNodeAt(data, path), valueAt(data, path));
}

/** The JSON types a schema node accepts (integer counted as number); undefined when it says nothing. */
function acceptedTypes(node: JsonSchema | undefined): Set<string> | undefined {
  if (!node) return undefined;
  if (node.anyOf) {
    const all = node.anyOf.map(acceptedTypes);
    if (all.some((types) => types === undefined)) return undefined;
    return new Set(all.flatMap((types) => [...(types ?? [])]));
  }
  if (node.type === undefined) return undefined;
  return new Set((Array.isArray(node.type) ? node.type : [node.type]).map((type) => (type === 'integer' ? 'number' : type)));
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value);

/** Every field name the schema knows, anywhere: a misspelling must not land on one of them. */
const KNOWN_KEYS = new Set<string>();
(function collectKeys(node: JsonSchema | undefined): void {
  if (!node) return;
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    KNOWN_KEYS.add(key);
    collectKeys(child);
  }
  if (typeof node.additionalProperties === 'object') collectKeys(node.additionalProperties);
  collectKeys(node.items);
  node.anyOf?.forEach(collectKeys);
})(ROOT);

export const BASES: readonly Base[] = BASE_FILES.map((file) => {
  const text = readFileSync(`${REPO_ROOT}${file}`, 'utf8');
  const doc = parseDocument(text);
  const data = doc.toJS() as unknown;
  const nodes: { path: Path; value: unknown }[] = [];
  const walk = (value: unknown, path: Path) => {
    if (path.length > 0) nodes.push({ path, value });
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(data, []);
  const all = [{ path: [] as Path, value: data }, ...nodes];
  return {
    file,
    text,
    doc,
    data,
    nodes,
    strings: nodes.filter((n) => typeof n.value === 'string'),
    typed: nodes.filter((n) => {
      const types = acceptedTypes(schemaNodeAt(data, n.path));
      return types !== undefined && ['number', 'string', 'boolean', 'null', 'array', 'object'].some((type) => !types.has(type));
    }),
    closedMaps: all.filter((n) => isObject(n.value) && schemaAt(data, n.path)?.additionalProperties === false).map((n) => n.path),
    maps: all.filter((n) => isObject(n.value) && Object.keys(n.value).length > 0).map((n) => n.path),
  };
});

// ---- text arbitraries ----

/** Characters that break naive code: bidi controls, joiners, combining marks, astral, YAML and template syntax. */
const TRICKY = [
  '\u200F', '\u200E', '\u202E', '\u202D', '\u202C', '\u2066', '\u2069', '\u200B', '\u200D', '\u2060', '\u00AD', '\u034F',
  '\u0301', '\u0308', 'é', 'ж', 'Ж', '中', 'ا', 'ש', 'ﷺ', '😀', '👩‍👩‍👧', '🇰🇿', '\u00A0', '\u3000', '\u2028', '\u2029',
  ' ', '  ', '\n', '"', "'", '\\', ':', ': ', ' #', '# ', '- ', '? ', '{{', '}}', '{{{', '#{', '${', '<', '>', '&', '*', '!', '%', '@', '`', '|', ',', '[', ']',
  '{', '}', '~', 'null', 'true', '0x1F', '1e9', '.nan', '../', '/', 'C:\\', 'NUL', 'CON', '%00', '&amp;', '<script>',
];

/** Printable text: no C0/C1 control characters (tab included) and no broken UTF-16. */
export const printableText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) }, { weight: 2, arbitrary: fc.constantFrom(...TRICKY) }), { maxLength: 12 })
  .map((parts) => parts.join(''));

const BAD_UNITS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\n'),
  '\u007F', '\u0080', '\u0085', '\u009B', '\u009F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
];

/** Text with at least one character the validator must refuse. */
export const badText = fc
  .tuple(printableText, fc.constantFrom(...BAD_UNITS), printableText)
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** True when the validator must refuse a string (control character, tab, unpaired surrogate). */
export function hasBadCharacter(text: string): boolean {
  return /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\t]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

const SHORT_ESCAPES: Record<number, string> = { 0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0xa0: '\\_', 0x2028: '\\L', 0x2029: '\\P' };

/** A YAML double-quoted scalar for any JS string, unpaired surrogates included, as escapes. */
export function yamlDoubleQuoted(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16).toUpperCase()}`;
    else if (code === 0xfeff) out += '\\uFEFF';
    else out += text[i];
  }
  return `${out}"`;
}

// ---- editing the syntax tree ----

const RAW = (n: number) => `__FUZZ_RAW_${n}__`;

/** A document of `base` with values replaced by raw YAML text (placeholders keep indentation right). */
class Edit {
  readonly doc: Document;
  private readonly raws: string[] = [];
  constructor(readonly base: Base) {
    this.doc = base.doc.clone();
  }
  /** Puts raw YAML text (a flow value) where the value at `path` was. */
  setRaw(path: readonly (string | number)[], raw: string): void {
    this.doc.setIn(path, this.doc.createNode(RAW(this.raws.length)));
    this.raws.push(raw);
  }
  set(path: readonly (string | number)[], value: unknown): void {
    this.doc.setIn(path, this.doc.createNode(value));
  }
  node(path: readonly (string | number)[]): unknown {
    return path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
  }
  toString(): string {
    let text = this.doc.toString({ lineWidth: 0 });
    this.raws.forEach((raw, n) => {
      text = text.replace(RAW(n), () => raw);
    });
    return text;
  }
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
// The small fixture two times in three (it is five times cheaper to edit and load), else any of them:
// the example actions bring copies, people, posts and links.
const baseArb = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() }).map((n) => pick(BASES, n));
const show = (path: readonly (string | number)[]) => path.map(String).join('.') || '(root)';


// ---- the mutation classes ----

/** A value of a type the schema does not allow there (read from the schema, so a field that takes text or a map, or one reference or a list, is never given the other). */
const wrongType = fc.record({ base: baseArb, at: fc.nat(), with: fc.nat(), n: fc.integer() }).map(({ base, at, with: w, n }): Mutant => {
  const target = pick(base.typed, at);
  const v = target.value;
  const accepted = acceptedTypes(schemaNodeAt(base.data, target.path)) ?? new Set<string>();
  const options = [n, 'text', true, null, [v], { n: v }].filter((option) => !accepted.has(jsonType(option)));
  const value = pick(options, w);
  const edit = new Edit(base);
  edit.set(target.path, value);
  return { kind: 'wrong-type', note: `${show(target.path)} = ${JSON.stringify(value)}`, text: edit.toString(), mustBeInvalid: true };
});

/** A required field taken away: a top-level one, a recipient's salutation or a language's letter. */
const deleteRequired = fc.record({ base: baseArb, at: fc.nat() }).map(({ base, at }): Mutant => {
  const data = base.data as { recipients: unknown[]; languages: string[] };
  const required: (string | number)[][] = [
    ...(ROOT.required ?? []).map((key) => [key]),
    ...data.recipients.map((_, i) => ['recipients', i, 'salutation']),
    ...data.languages.map((language) => ['letter', language]),
  ];
  const path = pick(required, at);
  const edit = new Edit(base);
  edit.doc.deleteIn(path);
  return { kind: 'delete-required', note: `deleted ${show(path)}`, text: edit.toString(), mustBeInvalid: true };
});

/** Any key or list item taken away (the file may stay valid). */
const deleteAny = fc.record({ base: baseArb, at: fc.nat() }).map(({ base, at }): Mutant => {
  const target = pick(base.nodes, at);
  const edit = new Edit(base);
  edit.doc.deleteIn(target.path);
  return { kind: 'delete-any', note: `deleted ${show(target.path)}`, text: edit.toString(), mustBeInvalid: false };
});

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'then'];

function misspell(key: string, how: number, ch: string): string {
  const i = how % Math.max(1, key.length);
  switch (how % 5) {
    case 0: return key.slice(0, i) + key.slice(i + 1);
    case 1: return key.slice(0, i) + ch + key.slice(i);
    case 2: return key.slice(0, i) + key.charAt(i + 1) + key.charAt(i) + key.slice(i + 2);
    case 3: return key.toUpperCase();
    default: return `${key}s`;
  }
}

/** A key a closed map (recipient, letter, the action itself, ...) does not allow. */
const unknownKey = fc
  .record({ base: baseArb, at: fc.nat(), style: fc.nat(), how: fc.nat(), ch: fc.constantFrom('e', 'x', '_', 'é', ' ', '-', '\u200F'), random: fc.string({ minLength: 1, maxLength: 12 }), value: printableText })
  .map(({ base, at, style, how, ch, random, value }): Mutant => {
    const path = pick(base.closedMaps, at);
    const existing = Object.keys(valueAt(base.data, path) as object);
    let key: string;
    if (style % 3 === 0) key = pick(HOSTILE_KEYS, how);
    else if (style % 3 === 1 && existing.length > 0) key = misspell(pick(existing, how), how >> 3, ch);
    else key = `x-${random}`;
    if (KNOWN_KEYS.has(key) || key.trim() === '') key = `${key}__unknown`;
    const edit = new Edit(base);
    const map = edit.node(path);
    if (!isMap(map)) throw new Error(`no map at ${show(path)}`);
    map.items.push(edit.doc.createPair(key, value) as Pair);
    return { kind: 'unknown-key', note: `${show(path)} += ${JSON.stringify(key)}`, text: edit.toString(), mustBeInvalid: true, expectCode: 'schema/unknown-key' };
  });

/** A key written twice in the same map. */
const duplicateKey = fc.record({ base: baseArb, at: fc.nat(), which: fc.nat(), same: fc.boolean() }).map(({ base, at, which, same }): Mutant => {
  const path = pick(base.maps, at);
  const edit = new Edit(base);
  const map = edit.node(path);
  if (!isMap(map)) throw new Error(`no map at ${show(path)}`);
  const original = pick(map.items, which);
  const key = isScalar(original.key) ? String(original.key.value) : 'x';
  map.items.push(edit.doc.createPair(key, same ? original.value : 'other value') as Pair);
  return { kind: 'duplicate-key', note: `${show(path)}: ${key} twice`, text: edit.toString(), mustBeInvalid: true, expectCode: 'yaml/duplicate-key' };
});


/** Text with a control character, a tab or an unpaired surrogate, written as YAML escapes. */
const badCharacters = fc.record({ base: baseArb, at: fc.nat(), text: badText }).map(({ base, at, text }): Mutant => {
  const target = pick(base.strings, at);
  const edit = new Edit(base);
  edit.setRaw(target.path, yamlDoubleQuoted(text));
  return { kind: 'bad-character', note: `${show(target.path)} = ${JSON.stringify(text)}`, text: edit.toString(), mustBeInvalid: true, expectCode: 'input/bad-character' };
});

/** Printable Unicode (bidi marks, emoji, YAML and template syntax): if the file stays valid, the text survives. */
const unicodeText = fc.record({ base: baseArb, at: fc.nat(), text: printableText, escaped: fc.boolean() }).map(({ base, at, text, escaped }): Mutant => {
  const target = pick(base.strings, at);
  const edit = new Edit(base);
  if (escaped) edit.setRaw(target.path, yamlDoubleQuoted(text));
  else edit.set(target.path, text);
  return { kind: 'unicode-text', note: `${show(target.path)} = ${JSON.stringify(text)}`, text: edit.toString(), mustBeInvalid: false, kept: { path: target.path, value: text } };
});

/** A very long string value or key (the 2 MB file limit is for loadAction; here it is the text's size). */
const hugeString = fc
  .record({ base: baseArb, at: fc.nat(), chunk: fc.constantFrom('a', 'Ж', '😀', 'word ', '\u202E', '{{x}}'), size: fc.integer({ min: 10_000, max: 400_000 }), asKey: fc.boolean() })
  .map(({ base, at, chunk, size, asKey }): Mutant => {
    const text = chunk.repeat(Math.ceil(size / chunk.length));
    const edit = new Edit(base);
    if (asKey) {
      (edit.node([]) as { items: Pair[] }).items.push(edit.doc.createPair(text, 1) as Pair);
      return { kind: 'huge-key', note: `${size} × ${JSON.stringify(chunk)} as a key`, text: edit.toString(), mustBeInvalid: true, expectCode: 'schema/unknown-key' };
    }
    const target = pick(base.strings, at);
    edit.set(target.path, text);
    return { kind: 'huge-string', note: `${show(target.path)} = ${size} × ${JSON.stringify(chunk)}`, text: edit.toString(), mustBeInvalid: false };
  });

/** Lists or maps nested deeply where a value was. */
// Mostly shallow (cheap); sometimes deeper than the parser's stack allows, which is the costly path.
const deepNesting = fc.record({ base: baseArb, at: fc.nat(), depth: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2, max: 200 }) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }) }), style: fc.constantFrom('seq', 'map', 'mixed') }).map(({ base, at, depth, style }): Mutant => {
  const target = pick(base.nodes, at);
  let raw = '';
  if (style === 'seq') raw = `${'['.repeat(depth)}x${']'.repeat(depth)}`;
  else if (style === 'map') raw = `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}`;
  else raw = `${'[{a: '.repeat(depth)}x${'}]'.repeat(depth)}`;
  const edit = new Edit(base);
  edit.setRaw(target.path, raw);
  return { kind: 'deep-nesting', note: `${show(target.path)} = ${style} nested ${depth} deep`, text: edit.toString(), mustBeInvalid: true };
});

const BAD_DATES = [
  '2010-02-30', '2010-02-29', '2011-02-29', '1900-02-29', '2010-13-01', '2010-00-10', '2010-04-31', '2010-06-31', '2010-10-00', '2010-10-32',
  '2010-1-1', '10-10-2010', '2010/10/29', '2010.10.29', '20101029', '2010-10-29T00:00:00Z', '2010-10-29 ', ' 2010-10-29', '+2010-10-29',
  '99999-01-01', '２０１０-１０-２９', '٢٠١٠-١٠-٢٩', '2010-10-29\u200F', 'yesterday', '0000-00-00', '2010-W43',
];

/** A date that does not exist or is not written YYYY-MM-DD. */
const badDate = fc.record({ base: baseArb, field: fc.constantFrom('issued', 'deadline'), date: fc.constantFrom(...BAD_DATES), quoted: fc.boolean() }).map(({ base, field, date, quoted }): Mutant => {
  const edit = new Edit(base);
  edit.setRaw([field], quoted || date.trim() !== date ? yamlDoubleQuoted(date) : date);
  return { kind: 'bad-date', note: `${field} = ${JSON.stringify(date)}`, text: edit.toString(), mustBeInvalid: true };
});

const TAGGED = [
  '!!binary aGVsbG8=', '!!timestamp 2010-10-29', '!!js/function "function(){}"', '!!python/object:os.system ls', '!custom x', '!<tag:yaml.org,2002:str> x',
  '!!set {a, b}', '!!omap [a: 1]', '!!int "12"', '!!float .inf', '!!null ""', '!!str', '!!map {}', '!!seq []', '&anchor x', '*undefined_alias',
  '&self [*self]', '&self {a: [x, *self]}', '[&inner {b: *inner}]', '<<: *x', '{<<: {a: 1}}', '!!merge <<', '? [a, b]', '{[a]: b}', '{? {a: 1}: b}', '%TAG', '!', '!!', 'x: y: z', '"unterminated', "'it''s'", '|', '>-',
];

/** YAML tags, anchors, aliases and complex keys where a value was. */
const yamlOddities = fc.record({ base: baseArb, at: fc.nat(), raw: fc.constantFrom(...TAGGED) }).map(({ base, at, raw }): Mutant => {
  const target = pick(base.nodes, at);
  const edit = new Edit(base);
  edit.setRaw(target.path, raw);
  return { kind: 'yaml-oddity', note: `${show(target.path)} = ${raw}`, text: edit.toString(), mustBeInvalid: false };
});

/** Billion laughs: aliases that expand exponentially, at the top or deep inside. */
const aliasBomb = fc.record({ base: baseArb, levels: fc.integer({ min: 3, max: 12 }), width: fc.integer({ min: 2, max: 10 }), at: fc.nat() }).map(({ base, levels, width, at }): Mutant => {
  const lines = ['a0: &a0 [lol]'];
  for (let level = 1; level <= levels; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: width }, () => `*a${level - 1}`).join(', ')}]`);
  const edit = new Edit(base);
  const target = pick(base.nodes, at);
  edit.setRaw(target.path, `{${lines.join(', ')}}`);
  return { kind: 'alias-bomb', note: `${levels} levels × ${width} at ${show(target.path)}`, text: edit.toString(), mustBeInvalid: true };
});

/** Not a map at all: a list, a scalar, nothing, several documents. */
const notAMap = fc.constantFrom('', ' ', '\n\n', '# only a comment\n', '~', 'null', '---', '--- \n...', '- a\n- b\n', '[]', '{}', 'hello', '42', 'true', '"quoted"', '|\n  block\n', '--- a\n--- b\n', '%YAML 1.2\n---\n', '%YAML 9.9\n--- {}\n', '\uFEFF', '!!map', '&a *a', 'a: *a').map(
  (text): Mutant => ({ kind: 'not-a-map', note: JSON.stringify(text), text, mustBeInvalid: true }),
);

/** Random byte edits of a serialized (possibly already mutated) file, which may break YAML or UTF-8. */
const STRUCTURAL = [...':-[]{}&*!|>\'"%@`#,?\n\t \r\\'].map((c) => c.charCodeAt(0));
export const byteEdits = fc
  .record({ mutant: fc.oneof({ weight: 3, arbitrary: baseArb.map((b) => b.text) }, wrongType.map((m) => m.text), unknownKey.map((m) => m.text)), edits: fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 3 }), byte: fc.oneof(fc.constantFrom(...STRUCTURAL), fc.integer({ min: 0, max: 255 })) }), { minLength: 1, maxLength: 6 }) })
  .map(({ mutant, edits }) => {
    const bytes = [...new TextEncoder().encode(mutant)];
    for (const { at, op, byte } of edits) {
      const i = at % (bytes.length + 1);
      if (op === 0) bytes.splice(i, 0, byte);
      else if (op === 1) bytes.splice(i, 1);
      else if (op === 2) bytes[i] = byte;
      else bytes.splice(i, 0, ...bytes.slice(i, i + 1 + (byte % 40)));
    }
    return { bytes: Uint8Array.from(bytes), note: JSON.stringify(edits) };
  });

/** Every mutation class whose result is text, by name. */
export const TEXT_MUTATIONS = {
  wrongType,
  deleteRequired,
  deleteAny,
  unknownKey,
  duplicateKey,
  badCharacters,
  unicodeText,
  hugeString,
  deepNesting,
  badDate,
  yamlOddities,
  aliasBomb,
  notAMap,
} satisfies Record<string, fc.Arbitrary<Mutant>>;

/** Any malformed file, for tests that run fewer, costlier cases (the CLI). Huge and deep ones are left out. */
export const anyMutant: fc.Arbitrary<Mutant> = fc.oneof(
  wrongType, deleteRequired, deleteAny, unknownKey, duplicateKey, badCharacters, unicodeText, badDate, yamlOddities, aliasBomb, notAMap,
);

/** Reads the value at a path of plain data. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
