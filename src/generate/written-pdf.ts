import { createHash } from 'node:crypto';
import { countPdfPages } from './count-pdf-pages.js';

/** Where a rendered PDF goes: a path relative to the output folder, replaced only with `force`. */
export interface PdfTarget {
  readonly outDir: string;
  readonly relativePath: string;
  readonly force: boolean;
}

/** What the manifest needs to know about a PDF once written. */
export interface WrittenPdf {
  readonly pages: number;
  readonly sha256: string;
}

export function writtenPdf(bytes: Uint8Array): WrittenPdf {
  return { pages: countPdfPages(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}
