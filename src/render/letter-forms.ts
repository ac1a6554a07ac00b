// Running text that the letters of a print file share, laid out once and drawn once per file.
// Letters of one action to one recipient in one language differ only in the signer's address,
// town and name: the reference, subject, salutation, body and close are the same words in the
// same places, page after page. Such text is laid out once (its lines kept by content), and the
// lines a page shows of it are drawn once into a form XObject that every later page showing the
// same lines in the same places paints with one operator: a page's own content is then its
// addresses, date line and signature, a few hundred bytes. Printers and viewers draw a form as
// if its content were in the page (PDF 1.7, 8.10), and text extractors read it the same way.
// Relies on pdfkit 0.20's page internals (content, resources, xobjects); if they change, the
// checks fail and the lines are drawn into each page as before.
import type { Pdf } from './pdf-document.js';
import type { FlowLine, Measure } from './pdf-text.js';

/** Lines of running text kept for reuse, with a number that identifies them in the document. */
export interface SharedLines {
  readonly id: number;
  readonly lines: readonly FlowLine[];
}

/** The shared running text of one document (a print file). */
export interface LetterForms {
  /**
   * The lines laid out for `content` (what decides them: strings, numbers, and arrays and plain
   * objects of them) in `measure`'s fonts, laid out by `layOut` the first time they are asked for.
   * They are shared: never change them.
   */
  lines(measure: Measure, content: readonly unknown[], layOut: () => FlowLine[]): SharedLines;
  /**
   * Puts on the current page what `draw` draws there, as a form once a second page draws it:
   * `key` must name exactly that (which lines, where), and later pages with the same key paint
   * the same form.
   */
  draw(pdf: Pdf, key: string, draw: () => void): void;
}

// Bounds on what a document keeps: a print file is grouped by recipient, so the letters that share
// text come one after the other, and a few groups' worth serve it; past that, text is laid out and
// formed again (the file then holds the same form twice, which costs bytes, not correctness).
const LINES_LIMIT = 32;
const FORMS_LIMIT = 256;

/** The pdfkit internals a form is drawn with (PDFPage and PDFReference in pdfkit 0.20). */
interface PageInternals {
  content?: unknown;
  resources?: unknown;
  readonly width?: unknown;
  readonly height?: unknown;
  readonly xobjects?: Record<string, unknown>;
}
interface StreamReference {
  readonly buffer: unknown[];
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/** How the document is written. */
export interface LetterFormsOptions {
  /**
   * Writes the pages ended so far that are not written yet (a print file writes a page once its
   * content is compressed elsewhere): a form is written when it is made, and the pages before it
   * must be too, or where it lands in the file would depend on how soon compression answered.
   */
  readonly writeEndedPages?: () => void;
}

// Starts the shared running text of `pdf`.
export function createLetterForms(pdf: Pdf, options: LetterFormsOptions = {}): LetterForms {
  const measureIds = new Map<Measure, number>();
  const laidOut = new Map<string, SharedLines>();
  const forms = new Map<string, { readonly name: string; readonly ref: unknown }>();
  // Keys drawn once, into their page: the second page to draw one makes its form.
  const seenOnce = new Set<string>();
  let last: { readonly measure: Measure; readonly content: readonly unknown[]; readonly shared: SharedLines } | undefined;
  let linesMade = 0;
  let formsMade = 0;
  return {
    lines(measure, content, layOut) {
      let measureId = measureIds.get(measure);
      if (measureId === undefined) measureIds.set(measure, (measureId = measureIds.size));
      // Letters that share text come one after the other: comparing a letter's with the one before
      // is cheaper than writing it out as a key (a fifth of the time, and no garbage).
      if (last !== undefined && last.measure === measure && sameContent(last.content, content)) return last.shared;
      const key = `${measureId}\n${JSON.stringify(content)}`;
      let shared = laidOut.get(key);
      if (shared === undefined) {
        if (laidOut.size >= LINES_LIMIT) laidOut.clear();
        shared = { id: linesMade++, lines: layOut() };
        laidOut.set(key, shared);
      }
      last = { measure, content, shared };
      return shared;
    },
    draw(drawIn, key, draw) {
      const page = (drawIn as unknown as { page?: PageInternals }).page;
      if (drawIn !== pdf || page === undefined || !canHoldForms(page)) return draw();
      let form = forms.get(key);
      if (form === undefined) {
        // Text that no other page repeats (a template that writes each signer's own letter) is
        // drawn into its page: a form of its own would only add an object to the file.
        if (!seenOnce.has(key)) {
          if (seenOnce.size >= FORMS_LIMIT) seenOnce.clear();
          seenOnce.add(key);
          return draw();
        }
        seenOnce.delete(key);
        options.writeEndedPages?.();
        form = { name: `Fm${++formsMade}`, ref: makeForm(pdf, page, draw) };
        if (forms.size >= FORMS_LIMIT) forms.clear();
        forms.set(key, form);
      }
      page.xobjects[form.name] = form.ref;
      pdf.addContent(`/${form.name} Do`);
    },
  };
}

// Whether two values built of strings, numbers, booleans, null, arrays and plain objects are equal
// (as JSON.stringify would write them: keys in the same order).
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== other[i] || !sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function canHoldForms(page: PageInternals): page is PageInternals & { readonly width: number; readonly height: number; readonly xobjects: Record<string, unknown> } {
  return (
    isStreamReference(page.content) &&
    typeof (page.resources as { data?: unknown } | undefined)?.data === 'object' &&
    typeof page.width === 'number' &&
    typeof page.height === 'number' &&
    typeof page.xobjects === 'object'
  );
}

function isStreamReference(value: unknown): value is StreamReference {
  const ref = value as Partial<StreamReference> | null | undefined;
  return typeof ref === 'object' && ref !== null && Array.isArray(ref.buffer) && typeof ref.write === 'function' && typeof ref.end === 'function';
}

// Draws into a new form instead of the page: for the time of `draw`, the page's content is the
// form's stream and its resources the form's, so that what pdfkit writes and the fonts it names
// (drawn text adds its font to "the page's" fonts) go to the form. The form is written out at once;
// returns its reference.
function makeForm(pdf: Pdf, page: PageInternals & { readonly width: number; readonly height: number }, draw: () => void): unknown {
  const resources: Record<string, unknown> = {};
  const form = pdf.ref({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    // In the form's space, the page's (a form is painted in the space of the page where it is
    // painted; pdfkit's page space is flipped to run top-down, and so is the form's content).
    BBox: [0, 0, page.width, page.height],
    Resources: resources,
  }) as unknown as StreamReference;
  const { content, resources: pageResources } = page;
  page.content = form;
  page.resources = { data: resources };
  try {
    draw();
  } finally {
    page.content = content;
    page.resources = pageResources;
    // Ended even if drawing failed: pdfkit finishes a document only once every object it made
    // is ended, and a print file that fails must still end (to be thrown away).
    form.end();
  }
  return form;
}
