// pdfkit's document class for tests that build documents with it directly (its ESM build's
// default export, typed as the renderers' Pdf), and the date they pin into them.
import * as pdfkit from 'pdfkit';
import type { Pdf } from '../../src/render/pdf-document.js';

export const PDFDocument = (pdfkit as unknown as { default: new (options: PDFKit.PDFDocumentOptions) => Pdf }).default;

/** The creation and modification date the tests' documents carry, so that their bytes compare. */
export const PINNED_DATE = new Date('2010-10-01T00:00:00Z');
