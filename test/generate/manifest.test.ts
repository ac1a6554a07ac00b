import { describe, expect, it } from 'vitest';
import { buildManifest, manifestCsv, manifestJson, ROWS_PER_PIECE, type Manifest, type ManifestEntry } from '../../src/generate/manifest.js';

function entries(count: number): ManifestEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `ua-129-10/en/01-minister/signer-${String(i + 1).padStart(5, '0')}.pdf`,
    format: 'pdf',
    action: 'actions/ua-129-10.yaml',
    number: 'UA 129/10',
    deadline: '2010-10-29',
    language: 'en',
    kind: 'recipient',
    recipient: i % 2 ? 'Serik Baimaganbetov, "Minister", Astana' : 'Генеральный прокурор\nРоссийской Федерации',
    signer: i + 1,
    pages: 1,
    sha256: 'ab'.repeat(32),
  }));
}

describe('manifestJson', () => {
  it.each([0, 1, ROWS_PER_PIECE - 1, ROWS_PER_PIECE, ROWS_PER_PIECE + 1, 1234])('writes %i letters exactly as JSON.stringify would, in pieces', (count) => {
    const manifest: Manifest = { letterDate: '2010-10-01', paper: 'a4', letters: entries(count) };
    const pieces = [...manifestJson(manifest)];
    expect(pieces.join('')).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
    // A head, the letters ROWS_PER_PIECE at a time, and the tail.
    expect(pieces.length).toBe(count === 0 ? 1 : Math.ceil(count / ROWS_PER_PIECE) + 2);
    // Small enough for V8's young generation (under 128 kB, in two-byte characters).
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(64 * 1024);
  });
});

describe('manifestCsv', () => {
  it('has a header and one row per letter, quoting commas, quotes and line breaks', () => {
    const csv = [...manifestCsv({ letterDate: '2010-10-01', paper: 'a4', letters: entries(1001) })].join('');
    const lines = csv.split('\n');
    expect(lines[0]).toBe('path,format,action,number,deadline,language,kind,recipient,signer,pages,firstPage,blankPagesAfter,sha256');
    expect(csv).toContain('"Serik Baimaganbetov, ""Minister"", Astana"');
    expect(csv).toContain('"Генеральный прокурор\nРоссийской Федерации"');
    // 1,001 rows, half of them with a line break inside a quoted cell, and the final newline.
    expect(lines.length).toBe(1 + 1001 + 501 + 1);
    expect(csv.endsWith('\n')).toBe(true);
  });
});

describe('buildManifest', () => {
  const entry = (path: string, sha: string, firstPage?: number): ManifestEntry => ({ ...entries(1)[0]!, path, sha256: sha.repeat(64), ...(firstPage === undefined ? {} : { firstPage }) });

  it("keeps a previous run's entries for other files, drops those the run wrote again, all by path", () => {
    const previous: Manifest = {
      letterDate: '2010-09-01',
      paper: 'a4',
      letters: [entry('b.pdf', '1'), entry('print.pdf', '1', 1), entry('print.pdf', '1', 3), entry('a.pdf', '1'), entry('z.txt', '1')],
    };
    const run = [entry('a.pdf', '2'), entry('c.pdf', '2'), entry('print.pdf', '2', 1)];
    const manifest = buildManifest({ date: '2010-10-01', paper: 'letter' }, run, previous);
    const rows = [...manifest.letters].map((e) => `${e.path}:${e.sha256[0]}:${e.firstPage ?? ''}`);
    expect(rows).toEqual(['a.pdf:2:', 'b.pdf:1:', 'c.pdf:2:', 'print.pdf:2:1', 'z.txt:1:']);
    expect(manifest.letterDate).toBe('2010-10-01');
    // Walked once for JSON and once for CSV.
    expect([...manifest.letters]).toHaveLength(5);
  });
});
