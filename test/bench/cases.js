// The benchmark cases. Each runs in a child process of its own (see measure.js), so the peak
// RSS it reports belongs to that case alone. A case returns how many letters (or files) it made;
// the child times only the work, not loading modules or preparing inputs.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Buffer } from 'node:buffer';
import { BENCH_ACTION, DATE, DIST, generateOptions, signersFor } from './fixtures.js';

const jobs = availableParallelism();

const library = () => import(join(DIST, 'index.js'));

// The cases that run generateLetters set up their process as `ua-letter generate` does: it keeps
// V8's heaps small before a batch (src/cli/heap-settings.ts), settings of the process that the
// library leaves to its caller. A build without them (BENCH_DIST) runs as it is.
async function likeTheCli() {
  const file = join(DIST, 'cli', 'heap-settings.js');
  if (!existsSync(file)) return;
  const settings = await import(file);
  // As the CLI does; builds before keepHeapsSmallForLargeBatches set them for every batch.
  (settings.keepHeapsSmallForLargeBatches ?? settings.keepHeapsSmall)();
}

// ua-letter loads pdfkit, fontkit and its renderers only when a run makes a PDF (so that
// `--help` and `validate` start fast). The baseline imports pdfkit before it is timed; the
// PDF cases load these modules untimed as well, so both sides time the work and not the module
// loading (parsing the fonts stays timed on both sides).
async function pdfLibrary() {
  for (const module of ['render/render-pdf.js', 'render/combined-pdf.js', 'render/fonts.js', 'render/glyph-coverage.js', 'render/font-subsets.js']) {
    await import(join(DIST, module));
  }
  return library();
}

// Counts the files a generate run wrote (its outcomes list them) and their total size, walking
// the paths one at a time as the library makes them: an array of 100,000 paths here would be
// the largest thing in the case's process.
async function writtenFiles(outDir, result) {
  const failed = result.outcomes.filter((o) => o.status !== 'written');
  if (failed.length > 0) throw new Error(`generate did not write: ${JSON.stringify(failed.map((o) => o.diagnostics))}`);
  let count = 0;
  let bytes = 0;
  for (const outcome of result.outcomes) {
    for (const file of outcome.files) {
      count++;
      bytes += (await stat(join(outDir, file))).size;
    }
  }
  return { count, bytes };
}

/**
 * Each case: `prepare(n, work)` (untimed) returns state for `run(state)` (timed), which returns
 * `{ letters, bytes? , skipped? }`; `after(state, result)` (untimed) may add to the result.
 */
export const CASES = {
  // ua-letter: one PDF per letter through generateLetters (worker pool, atomic writes, manifest).
  'pdf': {
    prepare: async (n, work) => {
      await likeTheCli();
      return { generateLetters: (await pdfLibrary()).generateLetters, signers: await signersFor(n, work), outDir: join(work, `pdf-${n}`) };
    },
    run: async ({ generateLetters, signers, outDir }) => ({ result: await generateLetters([BENCH_ACTION], generateOptions(outDir, signers, ['pdf'], { jobs })) }),
    after: async ({ outDir }, { result }) => {
      const { count, bytes } = await writtenFiles(outDir, result);
      return { letters: count, bytes };
    },
  },

  // The same letters in one print file, if generateLetters has learnt to write one.
  'pdf-combined': {
    prepare: async (n, work) => {
      await likeTheCli();
      return { generateLetters: (await pdfLibrary()).generateLetters, signers: await signersFor(n, work), outDir: join(work, `combined-${n}`) };
    },
    run: async ({ generateLetters, signers, outDir }) => ({
      result: await generateLetters([BENCH_ACTION], generateOptions(outDir, signers, [], { jobs, combine: join(outDir, 'all.pdf') })),
    }),
    after: async ({ outDir, signers }, { result }) => {
      const file = join(outDir, 'all.pdf');
      if (!existsSync(file)) return { skipped: 'combine not built' };
      const { loadAction } = await library();
      const loaded = await loadAction(BENCH_ACTION, { today: DATE });
      const pages = result.printFiles.find((f) => f.kind === 'combined')?.pages;
      return { letters: signers.length * loaded.action.recipients.length, pages, bytes: (await stat(file)).size };
    },
  },

  // The baseline: a plain pdfkit loop over the same letters' text, one document per letter.
  'baseline-pdf': {
    prepare: async (n, work) => ({ render: (await import('./baseline.js')).renderBaseline, texts: join(work, `texts-${n}.jsonl`), n, outDir: join(work, `baseline-${n}`) }),
    run: async ({ render, texts, n, outDir }) => ({ letters: await render(texts, outDir, n) }),
    after: async ({ outDir }) => ({ bytes: await folderBytes(outDir) }),
  },

  // The peer most projects reach for: the same letters as HTML, printed to PDF by headless Chromium.
  'chromium-pdf': {
    prepare: async (n, work) => ({ peer: await import('./chromium-peer.js'), texts: join(work, `texts-${n}.jsonl`), n, outDir: join(work, `chromium-${n}`), work }),
    run: async ({ peer, texts, n, outDir, work }) => {
      const why = await peer.unavailable();
      if (why) return { skipped: why };
      // A browser that will not start here is reported, not allowed to stop the whole bench.
      try {
        return { letters: await peer.renderWithChromium(texts, outDir, n, work) };
      } catch (error) {
        return { skipped: `skipped: Chromium failed: ${String(error?.message ?? error).split('\n')[0]}` };
      }
    },
    after: async ({ outDir }, result) => (result.skipped ? {} : { bytes: await folderBytes(outDir) }),
  },

  // Text letters, in process: compose + renderText only (what the text path costs the processor).
  'txt-render': {
    prepare: async (n, work) => {
      const { loadAction, planLetters, composeLetter, renderText } = await library();
      const { loadTemplates } = await import(join(DIST, 'template', 'load-templates.js'));
      const loaded = await loadAction(BENCH_ACTION, { today: DATE });
      const { letters } = planLetters(loaded, { languages: [], includeCopies: false, signers: await signersFor(n, work) });
      return { letters, templates: await loadTemplates(loaded.action.languages[0]), composeLetter, renderText };
    },
    run: ({ letters, templates, composeLetter, renderText }) => {
      let bytes = 0;
      for (const letter of letters) bytes += renderText(composeLetter({ letter, templates, sender: letter.sender, date: DATE })).length;
      return { letters: letters.length, bytes };
    },
  },

  // Text letters end to end: generateLetters -f txt, every file written atomically.
  'txt-files': {
    prepare: async (n, work) => {
      await likeTheCli();
      return { generateLetters: (await library()).generateLetters, signers: await signersFor(n, work), outDir: join(work, `txt-${n}`) };
    },
    run: async ({ generateLetters, signers, outDir }) => ({ result: await generateLetters([BENCH_ACTION], generateOptions(outDir, signers, ['txt'], { jobs })) }),
    after: async ({ outDir }, { result }) => {
      const { count, bytes } = await writtenFiles(outDir, result);
      return { letters: count, bytes };
    },
  },

  // What the disk allows: N files of 3 kB with a plain writeFile, 16 at a time (no ua-letter code).
  'disk-writes': {
    prepare: async (n, work) => ({ n, outDir: join(work, `disk-${n}`) }),
    run: async ({ n, outDir }) => {
      await mkdir(outDir, { recursive: true });
      const bytes = Buffer.alloc(3000, 'x');
      const inFlight = new Set();
      for (let i = 0; i < n; i++) {
        const task = writeFile(join(outDir, `${i}.txt`), bytes).finally(() => inFlight.delete(task));
        inFlight.add(task);
        if (inFlight.size >= 16) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      return { letters: n, bytes: n * bytes.length };
    },
  },

  // validateFiles over a folder of action files (n of them), with a worker thread per core as the CLI.
  'validate': {
    prepare: async (n, work) => ({ validateFiles: (await library()).validateFiles, dir: join(work, 'actions-1000') }),
    run: async ({ validateFiles, dir }) => {
      const result = await validateFiles([dir], { today: DATE, jobs });
      if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error('the action copies do not validate');
      return { letters: result.files.length };
    },
  },
};

async function folderBytes(dir) {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return bytes;
}

/** Runs one case and returns what the parent prints: time, CPU time and peak RSS of this process. */
export async function runCase(name, n, work) {
  const spec = CASES[name];
  if (!spec) throw new Error(`no case ${name}`);
  const state = await spec.prepare(n, work);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = await spec.run(state);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // The peak of the case's own work (and of preparing it), read before `after` counts what it
  // wrote: stat-ing 100,000 files is the bench's bookkeeping, not what the case costs.
  const maxRssMB = peakRssMB();
  const extra = spec.after ? await spec.after(state, out) : {};
  // A generate result is for `after`; only numbers and notes go back to the parent.
  const reported = { ...out, ...extra };
  delete reported.result;
  return { ms, cpuMs: (used.user + used.system) / 1000, maxRssMB, ...reported };
}

/**
 * The peak RSS of this process, in MiB: the high-water mark of its own memory (VmHWM), where
 * Linux gives it. Not process.resourceUsage().maxRSS: Linux carries that over from before the
 * process's exec, when it was a fork of the bench runner sharing the runner's pages, so a case
 * that takes less than the runner then holds (its 10,000 letter texts, its table) reported the
 * runner's size (a bare writeFile loop of 100,000 files: 143 MB that way, 78 MB by VmHWM).
 */
function peakRssMB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure is all there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}
