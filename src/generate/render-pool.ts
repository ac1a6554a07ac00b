import type { Paper } from '../compose/paper-size.js';
import { UaError } from '../diagnostics/ua-error.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { FontPaths } from '../render/fonts.js';
import type { FaxHeader } from '../render/fax-header.js';
import { writeFileAtomic } from '../write/write-files.js';
import { startWorkerPool } from '../workers/worker-pool.js';
import { workerFile } from '../workers/worker-file.js';
import { fromErrorReply, type ErrorReply } from '../workers/error-reply.js';
import { MIN_LETTERS_FOR_WORKERS, WORKER_HEAP } from './worker-threads.js';
import { writtenPdf, type PdfTarget, type WrittenPdf } from './written-pdf.js';

export type { PdfTarget, WrittenPdf } from './written-pdf.js';

/** Renders letters to PDF files, in worker threads when there is more than one job. */
export interface PdfRenderPool {
  /**
   * Renders a letter for a window envelope (or with a fax header on page 1 when `fax` is given)
   * and writes it atomically to `target`; resolves to its page count and SHA-256.
   */
  write(doc: LetterDocument, target: PdfTarget, fax?: FaxHeader): Promise<WrittenPdf>;
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly paper: Paper;
  readonly fonts: FontPaths;
  /** Letter date, YYYY-MM-DD, pinned into the PDFs. */
  readonly date: string;
  /** How many PDFs the run will render; small runs stay in-process. */
  readonly letters?: number;
  /** Characters every letter's font subsets start with (RenderPdfOptions.alphabet). */
  readonly alphabet?: string;
}

/** What a worker sends back for one letter. */
export type WorkerReply = { readonly id: number } & (WrittenPdf | ErrorReply);

/** Starts a pool: in-process for one job (or when running from sources), else `jobs` workers. */
export async function createPdfRenderPool(options: PoolOptions): Promise<PdfRenderPool> {
  const file = workerFile('render-worker', import.meta.url);
  const small = options.letters !== undefined && options.letters < MIN_LETTERS_FOR_WORKERS;
  if (options.jobs <= 1 || small || file === undefined) return createInProcessPool(options);

  const pool = startWorkerPool<WorkerReply>({
    file,
    size: options.jobs,
    workerData: { paper: options.paper, fonts: options.fonts, date: options.date, alphabet: options.alphabet ?? '' },
    resourceLimits: WORKER_HEAP,
    // A worker that died (out of memory, say) fails the run: every letter in flight and after it.
    stopped: (why) => new UaError('render/worker-failed', `a PDF worker stopped: ${why}; nothing more was rendered (try --jobs 1)`, { exitCode: 2 }),
  });
  return {
    async write(doc, target, fax) {
      const reply = await pool.send({ doc, target, fax });
      // A write failure is the run's (exit 2); a letter the renderer refuses is the letter's.
      if ('error' in reply) throw fromErrorReply(reply, 1);
      return { pages: reply.pages, sha256: reply.sha256 };
    },
    close: () => pool.close(),
  };
}

async function createInProcessPool(options: PoolOptions): Promise<PdfRenderPool> {
  const { loadFontSet } = await import('../render/fonts.js');
  const { renderPdf } = await import('../render/render-pdf.js');
  const { renderFax } = await import('../render/render-fax.js');
  const date = new Date(`${options.date}T00:00:00Z`);
  return {
    async write(doc, target, fax) {
      const settings = { paper: options.paper, fonts: loadFontSet(options.fonts, doc.language), date, alphabet: options.alphabet ?? '' };
      const bytes = fax ? await renderFax(doc, fax, settings) : await renderPdf(doc, settings);
      await writeFileAtomic(target.outDir, { relativePath: target.relativePath, bytes }, { force: target.force });
      return writtenPdf(bytes);
    },
    close: async () => undefined,
  };
}
