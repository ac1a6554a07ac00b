import type * as CsvParse from 'csv-parse';
import { describe, expect, it, vi } from 'vitest';

// A csv-parse whose parser does not show its `api` (what load-signers reads records through):
// the signers must come out the same, through on_record.
vi.mock('csv-parse', async (importOriginal) => {
  const original = await importOriginal<typeof CsvParse>();
  return {
    ...original,
    Parser: class {
      readonly api = undefined;
    },
  };
});

const { parseSigners } = await import('../../src/load/load-signers.js');

describe('parseSigners without the parser it reads records through', () => {
  it('reads the same rows, lines and errors', () => {
    const result = parseSigners('s.csv', 'name,email\n\nAnna,not-an-email\n\n"Bob\nBaker",bob@example.org\n');
    expect(result.diagnostics.map((d) => [d.line, d.column, d.path])).toEqual([[3, 6, 'rows[1].email']]);
    const good = parseSigners('s.csv', '\ufeffname,city\n\n"Ann\nA.",Berlin\n\nBo,Köln');
    expect(good.ok && [...good.signers].map((s) => [s.row, s.line, s.sender.name])).toEqual([
      [1, 3, 'Ann\nA.'],
      [2, 6, 'Bo'],
    ]);
    expect(parseSigners('s.csv', 'name,city\nAnna\n').diagnostics[0]).toMatchObject({ line: 2, message: expect.stringContaining('this row has 1 fields but the header has 2') });
  });
});
