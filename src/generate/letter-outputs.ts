import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { recipientCcLine, recipientLabel } from '../compose/address-lines.js';
import { DEFAULT_FAX_LABELS, type FaxHeader } from '../render/fax-header.js';
import type { LetterStrings } from '../template/letter-strings.js';
import type { LetterDocument } from '../letter/letter-document.js';
import type { PlannedLetter } from '../plan/planned-letter.js';
import { emailSubject, renderEml } from '../render/render-eml.js';
import { renderText } from '../render/render-text.js';
import { resolveLocalized } from '../schema/localized.js';
import type { LetterFormat } from './generate-options.js';
import { writeFileAtomic } from '../write/write-files.js';
import type { PdfRenderPool } from './render-pool.js';
import { writtenPdf } from './written-pdf.js';

/** One file to write for a letter. */
export interface LetterOutput {
  readonly format: LetterFormat;
  readonly path: string;
}

/** The files a letter gets in the requested formats: an email draft only where there is an address. */
export function outputsFor(letter: PlannedLetter, formats: readonly LetterFormat[]): LetterOutput[] {
  return formats
    .filter((format) => (format !== 'eml' || (letter.recipient.email?.length ?? 0) > 0) && (format !== 'fax' || (letter.recipient.fax?.length ?? 0) > 0))
    .map((format) => ({ format, path: outputPath(letter, format) }));
}

/** Where a letter's file in `format` goes, relative to the output folder. */
export function outputPath(letter: PlannedLetter, format: string): string {
  return format === 'fax' ? `${letter.basePath}.fax.pdf` : `${letter.basePath}.${format}`;
}

/** Notes for letters a requested channel cannot reach (a recipient without email gets no .eml). */
export function skippedOutputs(letters: Iterable<PlannedLetter>, formats: readonly LetterFormat[]): Diagnostic[] {
  const seen = new Set<string>();
  const notes: Diagnostic[] = [];
  const note = (letter: PlannedLetter, code: string, message: (label: string) => string) => {
    const key = `${code}|${letter.recipientPath.join('.')}`;
    if (letter.recipientPath.length === 0 || seen.has(key)) return;
    seen.add(key);
    const label = recipientLabel(letter.recipient, letter.language, letter.source.action.languages[0] ?? letter.language) || key;
    notes.push({ code, severity: 'warning', message: message(label), file: letter.source.file, ...letter.source.sourceMap.valueAt(letter.recipientPath), path: formatPath(letter.recipientPath) });
  };
  for (const letter of letters) {
    if (formats.includes('eml') && (letter.recipient.email?.length ?? 0) === 0) {
      note(letter, 'generate/no-email', (label) => `no email address for ${label}: no .eml written for it`);
    }
    if (formats.includes('fax') && (letter.recipient.fax?.length ?? 0) === 0) {
      note(letter, 'generate/no-fax', (label) => `no fax number for ${label}: no fax written for it`);
    }
    if (formats.includes('pdf') && (letter.recipient.address?.length ?? 0) === 0) {
      note(letter, 'generate/no-postal-address', (label) => `no postal address for ${label}: its letter cannot be posted; send it another way (email, fax, web form)`);
    }
  }
  return notes;
}

/** Where a run writes its letters. */
export interface OutputTarget {
  readonly outDir: string;
  /** Replace files that exist (--force, --resume). */
  readonly force: boolean;
  /** Letter date, YYYY-MM-DD. */
  readonly date: string;
}

/**
 * Renders one output of a composed letter and writes it atomically; resolves to what the manifest
 * says about it. PDFs go through the pool, which renders and writes them in its workers, unless
 * `renderedPdf` holds the letter's PDF already (rendered by the preflight with the same settings).
 */
export async function writeOutput(
  output: LetterOutput,
  letter: PlannedLetter,
  doc: LetterDocument,
  strings: LetterStrings,
  pool: PdfRenderPool | undefined,
  target: OutputTarget,
  renderedPdf?: Uint8Array,
): Promise<{ pages?: number; sha256: string }> {
  const pdfTarget = { outDir: target.outDir, relativePath: output.path, force: target.force };
  const writeText = async (text: string) => {
    const bytes = new TextEncoder().encode(text);
    await writeFileAtomic(target.outDir, { relativePath: output.path, bytes }, { force: target.force });
    return { sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  switch (output.format) {
    case 'txt':
      return writeText(renderText(doc));
    case 'eml':
      return writeText(renderEml(doc, emailEnvelope(letter, target.date)));
    case 'pdf':
      if (renderedPdf) {
        await writeFileAtomic(target.outDir, { relativePath: output.path, bytes: renderedPdf }, { force: target.force });
        return writtenPdf(renderedPdf);
      }
      if (!pool) throw new Error('no PDF renderer');
      return pool.write(doc, pdfTarget);
    case 'fax':
      if (!pool) throw new Error('no PDF renderer');
      return pool.write(doc, pdfTarget, faxHeader(letter, strings));
  }
}

function faxHeader(letter: PlannedLetter, strings: LetterStrings): FaxHeader {
  const defaultLanguage = letter.source.action.languages[0] ?? letter.language;
  const sender = letter.sender;
  const label = (key: string, fallback: string) => strings[key] ?? fallback;
  return {
    to: recipientCcLine(letter.recipient, letter.language, defaultLanguage),
    number: letter.recipient.fax?.[0] ?? '',
    ...(sender ? { from: [sender.name, sender.city].filter(Boolean).join(', ') } : {}),
    labels: {
      to: label('faxTo', DEFAULT_FAX_LABELS.to),
      from: label('faxFrom', DEFAULT_FAX_LABELS.from),
      fax: label('fax', DEFAULT_FAX_LABELS.fax),
      pages: label('faxPages', DEFAULT_FAX_LABELS.pages),
      date: label('faxDate', DEFAULT_FAX_LABELS.date),
    },
  };
}

function emailEnvelope(letter: PlannedLetter, date: string) {
  const { action } = letter.source;
  const defaultLanguage = action.languages[0] ?? letter.language;
  const title = resolveLocalized(action.title, letter.language, defaultLanguage) ?? '';
  const cc = letter.kind === 'recipient' ? action.copies.flatMap((copy) => copy.email ?? []) : [];
  const sender = letter.sender;
  return {
    to: letter.recipient.email ?? [],
    cc,
    ...(sender?.email ? { from: { address: sender.email, ...(sender.name ? { name: sender.name } : {}) } } : {}),
    subject: emailSubject(action.number, title),
    date: new Date(`${date}T00:00:00Z`),
    // Stable across runs, unique per letter: the output path says which letter it is.
    messageId: `${letter.basePath.replaceAll('/', '.')}@ua-letter.invalid`,
  };
}
