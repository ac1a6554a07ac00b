/** Lays rows out as aligned columns (widths by code point), two spaces apart, no trailing spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], paint?: (row: number, column: number, text: string) => string): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: readonly string[], row: number) =>
    cells
      .map((cell, c) => {
        const padded = c === cells.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - width(cell));
        return row >= 0 && paint ? paint(row, c, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}
