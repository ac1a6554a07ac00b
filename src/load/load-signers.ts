import { Buffer } from 'node:buffer';
import { Parser, type Options as CsvOptions } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Sender } from '../schema/sender-schema.js';
import { isEmailAddress } from '../validate/rules/contact-formats.js';
import { findBadCharacter } from '../validate/rules/clean-text.js';
import { readSourceText } from './read-source.js';
import { CompactSignerList, type SignerList } from './signer-list.js';

/** Largest signers CSV read: room for hundreds of thousands of rows. */
export const MAX_SIGNERS_BYTES = 200 * 1024 * 1024;

/** One person who signs letters, from one row of the signers CSV. */
export interface Signer {
  /** 1-based data row (the header is row 0), used in file names and the manifest instead of the name. */
  readonly row: number;
  /** Line of the row in the CSV file, for messages. */
  readonly line: number;
  readonly sender: Sender;
  /** The signer asked for the section office's return address instead of their own. */
  readonly useReturnAddress: boolean;
}

export type SignersResult = { ok: true; signers: SignerList; diagnostics: readonly Diagnostic[] } | { ok: false; diagnostics: readonly Diagnostic[] };

// Column names as section offices write them, mapped to ours.
const COLUMN_ALIASES: Record<string, string> = {
  name: 'name', full_name: 'name', signer: 'name',
  address: 'address', street: 'address', address1: 'address1', address_1: 'address1', address_line_1: 'address1', address2: 'address2', address_2: 'address2', address_line_2: 'address2', address3: 'address3', address_3: 'address3', address_line_3: 'address3',
  postcode: 'postcode', postal_code: 'postcode', zip: 'postcode', zip_code: 'postcode',
  city: 'city', town: 'city',
  country: 'country',
  email: 'email', e_mail: 'email',
  use_return_address: 'use_return_address', return_address: 'use_return_address', hide_address: 'use_return_address',
};

/** Reads a signers CSV (UTF-8, BOM allowed, quoted fields, commas or semicolons); every bad row is a diagnostic. */
export async function loadSigners(file: string): Promise<SignersResult> {
  const source = await readSourceText(file, MAX_SIGNERS_BYTES);
  if (!source.ok) return { ok: false, diagnostics: [source.diagnostic] };
  return parseSigners(file, source.text);
}

/** Parses signers CSV text already read. */
export function parseSigners(file: string, source: string): SignersResult {
  // One line ending everywhere, so csv-parse counts lines the way an editor shows them.
  const text = source.replace(/\r\n?/g, '\n');
  const diagnostics: Diagnostic[] = [];
  // The lines are split only for a diagnostic's column: a file of 50,000 rows need not be held twice.
  let lines: string[] | undefined;
  const at = (line: number, field: number, code: string, message: string, path: string, severity: 'error' | 'warning' = 'error'): Diagnostic => ({
    code, severity, message, file, line, column: fieldColumn((lines ??= text.split('\n'))[line - 1] ?? '', field, delimiter), path,
  });
  const firstEnd = text.indexOf('\n');
  const firstLine = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';

  // Each row becomes a signer as csv-parse reads it, and its record is dropped: holding every
  // record (its fields, raw text and position) until the end took 166 MB for 50,000 rows. The
  // signers are kept compactly, as UTF-8 bytes (CompactSignerList), for the whole run.
  let columns: (string | undefined)[] | undefined;
  let headerFailed = false;
  const signers = new CompactSignerList();
  let rows = 0;
  let rowFailed = false;
  const onRecord = (record: string[], line: number): void => {
    if (columns === undefined) {
      columns = readHeader(record, diagnostics, at);
      headerFailed = diagnostics.some((d) => d.severity === 'error');
    } else if (!headerFailed) {
      rows += 1;
      const errors = diagnostics.length;
      const signer = readRow(record, line, rows, columns, diagnostics, at);
      // Once a row is bad the signers are not used (every bad row is still reported).
      rowFailed ||= diagnostics.slice(errors).some((d) => d.severity === 'error');
      if (!rowFailed) signers.add(signer);
    }
  };
  try {
    eachRecord(text, { bom: true, delimiter, relax_column_count: false, skip_empty_lines: true }, onRecord);
  } catch (error) {
    const e = error as { message?: string; lines?: number; index?: number; code?: string };
    const line = typeof e.lines === 'number' ? e.lines : 1;
    const lengths = /expect (\d+), got (\d+)/.exec(e.message ?? '');
    const message = lengths
      ? `this row has ${lengths[2]} fields but the header has ${lengths[1]} (quote fields that contain the delimiter)`
      : (e.message ?? String(error)).replace(/ at line \d+.*$/s, '');
    return { ok: false, diagnostics: [at(line, e.index ?? 0, `csv/${(e.code ?? 'invalid').toLowerCase().replace(/^csv_/, '').replaceAll('_', '-')}`, `CSV: ${message}`, '')] };
  }
  if (!columns) return { ok: false, diagnostics: [at(1, 0, 'csv/empty', 'the signers file is empty: it needs a header row (name, address, postcode, city, country, email)', '')] };
  if (headerFailed) return { ok: false, diagnostics };
  if (rows === 0) diagnostics.push(at(1, 0, 'csv/no-rows', 'the signers file has a header but no signers', ''));
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, signers, diagnostics };
}

type At = (line: number, field: number, code: string, message: string, path: string, severity?: 'error' | 'warning') => Diagnostic;

// Our name of each column (undefined for one we do not know), with a diagnostic for each unknown one.
function readHeader(record: readonly string[], diagnostics: Diagnostic[], at: At): (string | undefined)[] {
  const columns = record.map((name) => COLUMN_ALIASES[name.trim().toLowerCase().replace(/[\s-]+/g, '_')]);
  record.forEach((name, i) => {
    if (columns[i] === undefined) {
      const known = Object.keys(COLUMN_ALIASES);
      const best = closest(name.trim().toLowerCase(), known);
      const hint = distance(name.trim().toLowerCase(), best) <= 2 ? `; did you mean "${best}"?` : '; it is ignored';
      diagnostics.push(at(1, i, 'csv/unknown-column', `unknown column "${name}"${hint}`, `columns[${i}]`, distance(name.trim().toLowerCase(), best) <= 2 ? 'error' : 'warning'));
    }
  });
  if (!columns.includes('name')) diagnostics.push(at(1, 0, 'csv/missing-column', 'the header has no "name" column', 'columns'));
  return columns;
}

/** What csv-parse's parser does with a text: its records, one by one, with the raw text each was read from. */
interface CsvApi {
  parse(data: Buffer, end: boolean, push: (record: { record: string[]; raw: string }) => void, close: () => void): Error | undefined;
}

/**
 * Hands each record of `text` (line endings "\n") to `onRecord` with the line it starts on, as
 * csv-parse reads it; throws csv-parse's error for a text it cannot read.
 *
 * Records are taken from the parser as csv-parse/sync takes them (its `api`, which csv-parse's
 * typings leave out), not through `on_record` or `info`: for those csv-parse builds an info
 * object per record by spreading its state ({ ...this.info, columns }), which V8 in Node 20 gives
 * a hidden class of its own each time, in the old generation (3 MB for 5,000 rows, 28 MB for
 * 50,000, garbage the main thread's heap grew around for the rest of a run). A record's line is
 * counted from the raw texts instead: each holds the empty lines skipped before it.
 */
function eachRecord(text: string, options: CsvOptions, onRecord: (record: string[], line: number) => void): void {
  let linesBefore = 0;
  const push = ({ record, raw }: { record: string[]; raw: string }): void => {
    const skipped = raw.length - raw.replace(/^\n+/, '').length;
    onRecord(record, linesBefore + skipped + 1);
    linesBefore += newlinesIn(raw);
  };
  const api = (new Parser({ ...options, raw: true }) as unknown as { api?: Partial<CsvApi> }).api;
  if (typeof api?.parse !== 'function') {
    // Another csv-parse: the same records through on_record, whose typings give it the bare fields.
    const onWrapped = ((wrapped: { record: string[]; raw: string }) => (push(wrapped), null)) as unknown as (record: string[]) => null;
    parse(text, { ...options, raw: true, on_record: onWrapped });
    return;
  }
  const error = api.parse(Buffer.from(text), true, push, () => undefined);
  if (error !== undefined) throw error;
}

function newlinesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

// One signer from row `row` (1-based, after the header) starting on `line`, with a diagnostic for each bad field.
function readRow(record: readonly string[], line: number, row: number, columns: readonly (string | undefined)[], diagnostics: Diagnostic[], at: At): Signer {
  const fields: Record<string, string> = {};
  const address: string[] = [];
  record.forEach((value, i) => {
    const column = columns[i];
    if (column === undefined) return;
    const bad = findBadCharacter(value.replace(/\r?\n/g, ' '));
    if (bad) diagnostics.push(at(line, i, 'csv/bad-character', `row ${row}: ${column} contains ${bad}`, `rows[${row}].${column}`));
    const text = value.trim();
    if (column.startsWith('address')) address.push(...text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
    else fields[column] = text;
  });
  const nameIndex = columns.indexOf('name');
  if (!fields['name']) diagnostics.push(at(line, nameIndex, 'csv/missing-name', `row ${row}: the name is empty`, `rows[${row}].name`));
  const email = fields['email'];
  if (email && !isEmailAddress(email)) diagnostics.push(at(line, columns.indexOf('email'), 'csv/bad-email', `row ${row}: "${email}" does not look like an email address`, `rows[${row}].email`));
  const flag = (fields['use_return_address'] ?? '').toLowerCase();
  if (flag !== '' && !['yes', 'no', 'true', 'false', '1', '0', 'y', 'n', 'x'].includes(flag)) {
    diagnostics.push(at(line, columns.indexOf('use_return_address'), 'csv/bad-flag', `row ${row}: use_return_address must be yes or no, got "${flag}"`, `rows[${row}].use_return_address`));
  }
  // Every field spelled out (empty ones undefined): in V8, objects built by spreading get a
  // hidden class each, and a batch keeps one sender per signer for the whole run.
  const sender: Sender = {
    name: fields['name'] || undefined,
    address: address.length > 0 ? address : undefined,
    postcode: fields['postcode'] || undefined,
    city: fields['city'] || undefined,
    country: fields['country'] || undefined,
    email: email || undefined,
  };
  return { row, line, sender, useReturnAddress: ['yes', 'true', '1', 'y', 'x'].includes(flag) };
}

// The 1-based character column where field `index` starts in a CSV line (quote-aware).
function fieldColumn(line: string, index: number, delimiter: string): number {
  let field = 0;
  let quoted = false;
  const chars = [...line];
  for (let i = 0; i < chars.length; i++) {
    if (field === index) return i + 1;
    const ch = chars[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) field++;
  }
  return field === index ? chars.length + 1 : 1;
}
