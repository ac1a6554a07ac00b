// The table the bench prints and the checks against the performance targets.

/** Formats rows as an aligned plain-text table (numbers right-aligned). */
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const last = header.length - 1;
  const line = (cells) => cells.map((c, i) => (i === 0 || i === last ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (value, digits) => (value === undefined ? '' : value.toFixed(digits));

/** A result row as the table shows it. */
export function tableRow(r) {
  if (r.skipped) return [r.case, '', '', '', '', '', '', '', r.skipped];
  const perSecond = r.letters / (r.ms / 1000);
  return [
    r.case,
    r.letters,
    fixed(r.ms / 1000, 2),
    perSecond >= 100 ? Math.round(perSecond).toLocaleString('en') : fixed(perSecond, 1),
    fixed(r.ms / r.letters, r.ms / r.letters < 0.1 ? 4 : 2),
    fixed(r.cpuMs / r.letters, r.cpuMs / r.letters < 0.1 ? 4 : 2),
    fixed(r.maxRssMB, 0),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.note ?? '',
  ];
}

export const TABLE_HEADER = ['case', 'letters', 'wall s', 'letters/s', 'ms/letter', 'CPU ms/letter', 'peak RSS MB', 'vs baseline', 'note'];

/** Checks the results against the targets of issue 5; each check says what it compared. */
export function checkTargets(rows, help) {
  const checks = [];
  const find = (name, n) => rows.find((r) => r.case === name && r.letters !== undefined && r.n === n && !r.skipped);
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);

  for (const n of sizes) {
    const pdf = find('pdf', n);
    if (pdf?.ratio !== undefined) checks.push({ target: `separate PDFs >= 2x the baseline (${n})`, value: `${pdf.ratio.toFixed(2)}x`, ok: pdf.ratio >= 2 });
  }
  for (const n of sizes.filter((s) => s >= 1000)) {
    const txt = find('txt-render', n);
    if (txt) {
      const perSecond = txt.letters / (txt.ms / 1000);
      checks.push({ target: `text render (compose + renderText) >= 20,000 letters/s (${n})`, value: `${Math.round(perSecond).toLocaleString('en')}/s`, ok: perSecond >= 20_000 });
    }
  }
  for (const n of sizes.filter((s) => s >= 1000)) {
    const combined = find('pdf-combined', n);
    if (combined?.pages) {
      const perPage = combined.ms / combined.pages;
      checks.push({ target: `combined PDF <= 1 ms per page (${n.toLocaleString('en')} letters, ${combined.pages.toLocaleString('en')} pages)`, value: `${perPage.toFixed(2)} ms`, ok: perPage <= 1 });
    }
  }
  const validateLib = rows.find((r) => r.case === 'validate');
  if (validateLib) checks.push({ target: 'validate 1,000 files < 3 s (library call)', value: `${(validateLib.ms / 1000).toFixed(2)} s`, ok: validateLib.ms < 3000 });
  const validateCli = rows.find((r) => r.case === 'validate (CLI)');
  if (validateCli) checks.push({ target: 'validate 1,000 files < 3 s (ua-letter validate, whole process)', value: `${(validateCli.ms / 1000).toFixed(2)} s`, ok: validateCli.ms < 3000 });
  if (help) checks.push({ target: '--help < 200 ms (median of 10 spawns)', value: `${Math.round(help.medianMs)} ms`, ok: help.medianMs < 200 });

  for (const name of ['pdf', 'pdf-combined', 'txt-files']) {
    const small = find(name, 1000);
    for (const n of sizes.filter((s) => s > 1000)) {
      const large = find(name, n);
      if (!small || !large) continue;
      const growth = large.maxRssMB / small.maxRssMB - 1;
      checks.push({ target: `${name}: peak RSS flat (<= +20%) from 1,000 to ${n.toLocaleString('en')}`, value: `${Math.round(small.maxRssMB)} -> ${Math.round(large.maxRssMB)} MB (${growth >= 0 ? '+' : ''}${Math.round(growth * 100)}%)`, ok: growth <= 0.2 });
    }
    const peak = Math.max(...rows.filter((r) => r.case === name && !r.skipped).map((r) => r.maxRssMB));
    if (Number.isFinite(peak)) checks.push({ target: `${name}: peak RSS < 250 MB`, value: `${Math.round(peak)} MB`, ok: peak < 250 });
  }
  return checks;
}
