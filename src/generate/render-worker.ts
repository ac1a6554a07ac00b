// A worker thread that renders PDFs and writes them, so a batch uses every core: it gets plain
// LetterDocuments and where to write them, and sends back page counts and hashes. Fonts are
// loaded once per worker. Writing here rather than in the main thread spares copying each file
// between threads and a round of libuv calls per file.
import { parentPort, workerData } from 'node:worker_threads';
import type { LetterDocument } from '../letter/letter-document.js';
import type { Paper } from '../compose/paper-size.js';
import { loadFontSet, type FontPaths } from '../render/fonts.js';
import type { FaxHeader } from '../render/fax-header.js';
import { renderFax } from '../render/render-fax.js';
import { renderPdf } from '../render/render-pdf.js';
import { writeFileAtomicSync } from '../write/write-files.js';
import type { WorkerReply } from './render-pool.js';
import { toErrorReply } from '../workers/error-reply.js';
import { writtenPdf, type PdfTarget } from './written-pdf.js';

interface RenderTask {
  readonly id: number;
  readonly doc: LetterDocument;
  readonly target: PdfTarget;
  readonly fax?: FaxHeader;
}

const { paper, fonts: fontPaths, date, alphabet } = workerData as { paper: Paper; fonts: FontPaths; date: string; alphabet: string };
const pinned = new Date(`${date}T00:00:00Z`);

parentPort?.on('message', (task: RenderTask) => {
  const reply = (message: WorkerReply) => parentPort?.postMessage(message);
  // Fonts follow the letter's language (DejaVu Sans for Arabic script); loadFont caches each file.
  const settings = { paper, fonts: loadFontSet(fontPaths, task.doc.language), date: pinned, alphabet };
  (task.fax ? renderFax(task.doc, task.fax, settings) : renderPdf(task.doc, settings))
    .then((bytes) => {
      writeFileAtomicSync(task.target.outDir, { relativePath: task.target.relativePath, bytes }, { force: task.target.force });
      reply({ id: task.id, ...writtenPdf(bytes) });
    })
    .catch((error: unknown) => reply({ id: task.id, ...toErrorReply(error) }));
});
