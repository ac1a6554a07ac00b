import { describe, expect, it } from 'vitest';
import { loadSigners, parseSigners } from '../../src/load/load-signers.js';
import { fixture } from '../helpers/run-cli.js';

describe('loadSigners', () => {
  it('reads UTF-8 with a BOM, CRLF, quoted multi-line and comma fields, and the return-address flag', async () => {
    const result = await loadSigners(fixture('batch', 'signers.csv'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.signers]).toEqual([
      { row: 1, line: 2, useReturnAddress: false, sender: { name: 'Anna Beispiel', address: ['Musterstraße 12', 'Hinterhaus'], postcode: '10115', city: 'Berlin', country: 'Germany', email: 'anna@example.org' } },
      { row: 2, line: 4, useReturnAddress: true, sender: { name: 'Müller, Jürgen', address: ['Hauptstraße 1'], postcode: '80331', city: 'München', country: 'Germany' } },
      { row: 3, line: 5, useReturnAddress: false, sender: { name: 'Zoë Ångström', address: ['Storgatan 3'], postcode: '11122', city: 'Stockholm', country: 'Sweden', email: 'zoe@example.se' } },
    ]);
  });

  it('names the line and column of a broken quote', async () => {
    const result = await loadSigners(fixture('batch', 'signers-bad-quote.csv'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ file: fixture('batch', 'signers-bad-quote.csv'), line: 3 });
    expect(result.diagnostics[0]?.message).toMatch(/^CSV: /);
  });

  it('reports each bad row with its line, column and field', async () => {
    const result = await loadSigners(fixture('batch', 'signers-bad-rows.csv'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'csv/missing-name', line: 3, column: 1, path: 'rows[2].name' }),
      expect.objectContaining({ code: 'csv/bad-email', line: 3, column: 32, path: 'rows[2].email' }),
    ]);
  });

  it('suggests the column a misspelled header meant, and reads semicolon files', () => {
    const misspelled = parseSigners('s.csv', 'name,adress\nAnna,x\n');
    expect(misspelled.ok).toBe(false);
    expect(misspelled.diagnostics[0]).toMatchObject({ line: 1, column: 6, message: 'unknown column "adress"; did you mean "address"?' });
    const semicolons = parseSigners('s.csv', 'name;city\nZoë;Köln\n');
    expect(semicolons.ok && semicolons.signers.at(0)?.sender).toEqual({ name: 'Zoë', city: 'Köln' });
  });

  it('refuses a header without rows, a missing name column and too few fields', () => {
    expect(parseSigners('s.csv', 'name,city\n').diagnostics[0]?.code).toBe('csv/no-rows');
    expect(parseSigners('s.csv', 'city\nBerlin\n').diagnostics[0]?.code).toBe('csv/missing-column');
    expect(parseSigners('s.csv', 'name,city\nAnna\n').diagnostics[0]?.message).toContain('this row has 1 fields but the header has 2');
  });

  it('numbers the line each row starts on, past blank lines and quoted line breaks', () => {
    const text = 'name,email\r\n\r\nAnna,not-an-email\n\n\n"Bob\nBaker",bad\nCem,cem@example.org\n\nDora,also bad\n';
    const result = parseSigners('s.csv', text);
    expect(result.diagnostics.map((d) => [d.line, d.column, d.path])).toEqual([
      [3, 6, 'rows[1].email'],
      [6, 1, 'rows[2].email'],
      [10, 6, 'rows[4].email'],
    ]);
    const good = parseSigners('s.csv', '\ufeffname,city\n\n"Ann\nA.",Berlin\n\nBo,Köln');
    expect(good.ok && [...good.signers].map((s) => [s.row, s.line, s.sender.name])).toEqual([
      [1, 3, 'Ann\nA.'],
      [2, 6, 'Bo'],
    ]);
  });
});
