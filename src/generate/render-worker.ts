// A worker thread that renders PDFs, so a batch uses every core. It gets plain LetterDocuments and
// sends back bytes; fonts are loaded once per worker.
import { parentPort, workerData } from 'node:worker_threads';
import type { LetterDocument } from '../letter/letter-document.js';
import type { Paper } from '../compose/paper-size.js';
import { loadFontSet, type FontPaths } from '../render/fonts.js';
import { renderFax, type FaxHeader } from '../render/render-fax.js';
import { renderPdf } from '../render/render-pdf.js';
import { countPdfPages } from './count-pdf-pages.js';

interface RenderTask {
  readonly id: number;
  readonly doc: LetterDocument;
  readonly fax?: FaxHeader;
}

const { paper, fonts: fontPaths, date } = workerData as { paper: Paper; fonts: FontPaths; date: string };
const pinned = new Date(`${date}T00:00:00Z`);

parentPort?.on('message', (task: RenderTask) => {
  // Fonts follow the letter's language (DejaVu Sans for Arabic script); loadFont caches each file.
  const settings = { paper, fonts: loadFontSet(fontPaths, task.doc.language), date: pinned };
  (task.fax ? renderFax(task.doc, task.fax, settings) : renderPdf(task.doc, settings)).then(
    (bytes) => {
      const copy = new Uint8Array(bytes);
      parentPort?.postMessage({ id: task.id, bytes: copy, pages: countPdfPages(copy) }, [copy.buffer]);
    },
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
