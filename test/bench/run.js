// `npm run bench`: ua-letter against a plain pdfkit loop (and headless Chromium where installed)
// at 100, 1,000, 10,000 and 100,000 letters (the peers up to 10,000), each case in a child
// process of its own; prints a table and writes test/bench/results.json. The README's
// Performance section explains the cases and the switches (BENCH_SIZES, BENCH_CASES,
// BENCH_PEER_MAX, BENCH_CHROMIUM_MAX, BENCH_DIST).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unavailable as chromiumUnavailable } from './chromium-peer.js';
import { copyActions, DATE, DIST, writeLetterTexts } from './fixtures.js';
import { measureCase, measureCommand } from './measure.js';
import { checkTargets, formatTable, TABLE_HEADER, tableRow } from './report.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const PEER_MAX = Number(process.env.BENCH_PEER_MAX ?? 10_000);
const CHROMIUM_MAX = Number(process.env.BENCH_CHROMIUM_MAX ?? 1000);
const ONLY = process.env.BENCH_CASES?.split(',').map((name) => name.trim());
const VALIDATE_FILES = 1000;
const HELP_RUNS = 10;
const BIN = join(DIST, '..', 'bin', 'ua-letter.js');
const RESULTS = process.env.BENCH_RESULTS ?? fileURLToPath(new URL('./results.json', import.meta.url));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const JOBS = availableParallelism();

const NOTES = {
  'baseline-pdf': 'plain pdfkit loop, 1 thread, writeFile',
  'pdf': `generateLetters -f pdf, jobs ${JOBS}, atomic writes`,
  'pdf-combined': `generateLetters --combine, jobs ${JOBS}`,
  'chromium-pdf': 'HTML -> headless Chromium page.pdf()',
  'txt-render': 'compose + renderText in process, no files',
  'txt-files': 'generateLetters -f txt: one file each, atomic',
  'disk-writes': 'plain writeFile of 3 kB files, 16 at a time',
  'validate': `validateFiles(), jobs ${JOBS}`,
  'validate (CLI)': 'ua-letter validate: whole process',
};

const wanted = (name) => !ONLY || ONLY.includes(name);
const log = (text) => process.stderr.write(`${text}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'ua-letter-bench-'));
  const meta = { date: new Date(started).toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: JOBS, jobs: JOBS, dist: DIST, loadBefore: load(), sizes: SIZES };
  log(`ua-letter bench: Node ${meta.node}, ${meta.cores} cores (${meta.cpu}), load average ${meta.loadBefore}; library ${DIST}`);
  const rows = [];
  const record = (row) => {
    const full = { note: `${NOTES[row.case] ?? ''}${row.runsMs ? `; best of ${row.runsMs.length}` : ''}`, ...row };
    rows.push(full);
    const [name, letters, wall, perSecond, , , rss, ratio] = tableRow(full);
    log(full.skipped ? `  ${name}: ${full.skipped}` : `  ${name} x ${letters}: ${wall} s, ${perSecond}/s, ${rss} MB${ratio ? `, ${ratio} the baseline` : ''}`);
  };
  // Other processes on the machine make single timings noisy: a case is run `repeats` times, each
  // in a fresh process, and the fastest run is reported (with the peak RSS of all of them).
  const fastest = (runs) => {
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    return runs.length === 1 ? best : { ...best, maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)), runsMs: runs.map((r) => Math.round(r.ms)) };
  };
  const run = async (name, n, folder, repeats = 1) => (await runInTurns([[name, folder]], n, () => repeats)).get(name);
  // Cases compared with each other run in turns (baseline, pdf, pdf-combined, baseline...): the
  // machine's speed drifts within a bench, and each case's fastest run then comes from the same
  // stretches of it as the baseline's, not from the minute after.
  const runInTurns = async (cases, n, repeats = (name) => repeatsFor(name, n)) => {
    const runs = new Map(cases.map(([name]) => [name, []]));
    const rounds = Math.max(0, ...cases.map(([name]) => repeats(name)));
    for (let i = 0; i < rounds; i++) {
      for (const [name, folder] of cases) {
        const done = runs.get(name);
        if (i >= repeats(name) || done[0]?.skipped) continue;
        done.push({ case: name, n, ...(await measureCase(name, n, work)) });
        if (folder) await rm(join(work, folder), { recursive: true, force: true });
      }
    }
    return new Map([...runs].map(([name, done]) => [name, fastest(done)]));
  };
  // Runs of up to 1,000 letters are repeated (best of REPEAT): a few seconds, a moment of the
  // machine's slowness decides them (separate PDFs at 1,000 letters: 5.3 s in one bench, 3.6-3.7 s
  // in six runs right after). A 10,000-letter run is long enough to stand alone.
  const repeatsFor = (name, n) => (['txt-render', 'disk-writes', 'validate'].includes(name) || n <= 1000 ? REPEAT : 1);

  try {
    const chromium = await chromiumUnavailable();
    let combineMissing;
    for (const n of SIZES) {
      log(`\n${n.toLocaleString('en')} letters`);
      const peers = (n <= PEER_MAX && wanted('baseline-pdf')) || (!chromium && n <= CHROMIUM_MAX && wanted('chromium-pdf'));
      if (peers) await writeLetterTexts(join(work, `texts-${n}.jsonl`), n);
      const compared = [
        ['baseline-pdf', `baseline-${n}`, n <= PEER_MAX && wanted('baseline-pdf')],
        ['pdf', `pdf-${n}`, wanted('pdf')],
        ['pdf-combined', `combined-${n}`, wanted('pdf-combined') && !combineMissing],
      ].filter(([, , included]) => included);
      const measured = await runInTurns(compared, n);
      const baseline = measured.get('baseline-pdf');
      if (baseline) record(baseline);
      const vsBaseline = (row) => (baseline && !row.skipped ? { ...row, ratio: row.letters / row.ms / (baseline.letters / baseline.ms) } : row);
      if (measured.has('pdf')) record(vsBaseline(measured.get('pdf')));
      if (wanted('pdf-combined')) {
        if (combineMissing) {
          if (n === SIZES[0]) record(combineMissing);
        } else {
          const row = measured.get('pdf-combined');
          if (row.skipped) combineMissing = row;
          record(vsBaseline(row));
        }
      }
      if (wanted('chromium-pdf')) {
        if (chromium) {
          if (n === SIZES[0]) record({ case: 'chromium-pdf', n, skipped: chromium });
        } else if (n <= CHROMIUM_MAX) {
          record(vsBaseline(await run('chromium-pdf', n, `chromium-${n}`)));
        }
      }
      for (const [name, folder] of [['txt-render'], ['txt-files', `txt-${n}`], ['disk-writes', `disk-${n}`]]) {
        if (wanted(name)) record(await run(name, n, folder, repeatsFor(name, n)));
      }
      if (peers) await rm(join(work, `texts-${n}.jsonl`), { force: true });
    }

    if (wanted('validate')) {
      log(`\nvalidate, ${VALIDATE_FILES.toLocaleString('en')} action files`);
      const actions = join(work, 'actions-1000');
      await copyActions(actions, VALIDATE_FILES);
      record(await run('validate', VALIDATE_FILES, undefined, REPEAT));
      const clis = [];
      for (let i = 0; i < REPEAT; i++) {
        const cli = await measureCommand(process.execPath, [BIN, 'validate', actions, '--today', DATE], { timeBinary: TIME });
        if (cli.code !== 0) throw new Error(`ua-letter validate failed (${cli.code}): ${cli.stderr.slice(-2000)}`);
        clis.push(cli);
      }
      const cli = clis.reduce((a, b) => (b.ms < a.ms ? b : a));
      record({ case: 'validate (CLI)', n: VALIDATE_FILES, letters: VALIDATE_FILES, ms: cli.ms, cpuMs: cli.cpuMs, maxRssMB: Math.max(...clis.map((c) => c.maxRssMB ?? 0)), runsMs: clis.map((c) => Math.round(c.ms)) });
    }

    let help;
    if (wanted('help')) {
      const spawns = [];
      for (let i = 0; i < HELP_RUNS; i++) spawns.push(await measureCommand(process.execPath, [BIN, '--help'], { timeBinary: TIME }));
      const median = (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      };
      const times = spawns.map((r) => r.ms).sort((a, b) => a - b);
      help = { medianMs: median(times), minMs: times[0], maxMs: times.at(-1), ...(TIME ? { medianCpuMs: median(spawns.map((r) => r.cpuMs)) } : {}) };
    }

    meta.loadAfter = load();
    meta.seconds = (Date.now() - started) / 1000;
    const targets = checkTargets(rows, help);
    const out = [
      '',
      formatTable(TABLE_HEADER, rows.map(tableRow)),
      '',
      ...(help ? [`ua-letter --help: median ${Math.round(help.medianMs)} ms of ${HELP_RUNS} spawns (min ${Math.round(help.minMs)}, max ${Math.round(help.maxMs)}${help.medianCpuMs === undefined ? '' : `; median CPU ${Math.round(help.medianCpuMs)} ms`})`] : []),
      `Node ${meta.node}, ${meta.cores} cores (${meta.cpu}); load average ${meta.loadBefore} before, ${meta.loadAfter} after; ${Math.round(meta.seconds)} s in all`,
      '',
      ...targets.map((t) => `${t.ok ? 'PASS' : 'MISS'}  ${t.target}: ${t.value}`),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    await writeFile(RESULTS, `${JSON.stringify({ meta, rows, help, targets }, null, 2)}\n`);
    log(`\nwritten ${RESULTS}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
