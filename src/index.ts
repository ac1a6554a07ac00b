// The ua-letter library: load -> validate -> plan letters -> compose -> render -> write.
// The CLI (src/cli) is a thin layer over these functions.

import type { createCombinedPdf as CreateCombinedPdf } from './render/combined-pdf.js';
import type { renderFax as RenderFax } from './render/render-fax.js';
import type { renderLabels as RenderLabels } from './render/render-labels.js';
import type { renderPdf as RenderPdf } from './render/render-pdf.js';
import type { FontSet, loadFontSet as LoadFontSet } from './render/fonts.js';

export type { Diagnostic, FieldPath, Severity } from './diagnostics/diagnostic.js';
export { formatPath, hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { UaError } from './diagnostics/ua-error.js';

export type { Action, ActionInput, Gender, LetterContent, LocalizedText, PersonAtRisk, Recipient, SocialPost } from './schema/action-schema.js';
export { ActionSchema } from './schema/action-schema.js';
export { actionJsonSchema } from './schema/json-schema.js';
export { resolveLocalized } from './schema/localized.js';
export type { EmbassyDirectory, Sender } from './schema/sender-schema.js';
export { EmbassyDirectorySchema, SenderSchema } from './schema/sender-schema.js';

export type { LoadedAction, LoadOptions, LoadResult } from './load/load-action.js';
export { loadAction, loadActionText } from './load/load-action.js';
export { findActionFiles } from './load/find-action-files.js';
export type { FilesValidation } from './validate/validate-files.js';
export { validateFiles } from './validate/validate-files.js';

export type { LetterPlan, PlanOptions } from './plan/plan-letters.js';
export { planLetters } from './plan/plan-letters.js';
export type { LetterKind, LetterList, LetterSpan, PlannedLetter } from './plan/planned-letter.js';

export type { Block, LetterDocument, ListBlock, ParagraphBlock, TextRun } from './letter/letter-document.js';
export type { TemplateContext } from './letter/template-context.js';
export type { ComposeInput } from './compose/compose-letter.js';
export { composeLetter } from './compose/compose-letter.js';
export { renderText } from './render/render-text.js';
export type { EmlEnvelope } from './render/render-eml.js';
export { emailSubject, renderEmailBody, renderEml } from './render/render-eml.js';
export type { PostDraft } from './render/render-posts.js';
export { renderPosts } from './render/render-posts.js';
export type { CombinedPdf, CombinedPdfOptions, CoverSheet } from './render/combined-pdf.js';
export type { FaxHeader, FaxLabels } from './render/fax-header.js';
export type { LabelSheetName, RenderLabelsOptions } from './render/render-labels.js';
export type { FontPaths, FontSet } from './render/fonts.js';
export type { Signer, SignersResult } from './load/load-signers.js';
export type { SignerList } from './load/signer-list.js';
export { CompactSignerList } from './load/signer-list.js';
export { loadSigners, parseSigners } from './load/load-signers.js';

export type { ActionOutcome, GenerateResult, PathList, PrintFile } from './generate/generate-letters.js';
export { generateLetters } from './generate/generate-letters.js';
export type { GenerateOptions, LetterFormat, Progress } from './generate/generate-options.js';

export type { Formatter, FormatName, ReportStyle } from './report/formatters.js';
export { FORMATTERS, formatGithub, formatJson, formatStylish } from './report/formatters.js';

/** Renders a letter as PDF; loads pdfkit on first use, so importing the library stays cheap. */
export async function renderPdf(...args: Parameters<typeof RenderPdf>): Promise<Uint8Array> {
  const { renderPdf: render } = await import('./render/render-pdf.js');
  return render(...args);
}

/** Renders a letter as a fax (cover header on page 1); loads pdfkit on first use. */
export async function renderFax(...args: Parameters<typeof RenderFax>): Promise<Uint8Array> {
  const { renderFax: render } = await import('./render/render-fax.js');
  return render(...args);
}

/** Renders envelope labels on A4 3x7 or Letter 3x10 sheets; loads pdfkit on first use. */
export async function renderLabels(...args: Parameters<typeof RenderLabels>): Promise<Uint8Array> {
  const { renderLabels: render } = await import('./render/render-labels.js');
  return render(...args);
}

/** Opens a print file that streams letters to `sink` in bounded memory; loads pdfkit on first use. */
export async function openCombinedPdf(...args: Parameters<typeof CreateCombinedPdf>): Promise<ReturnType<typeof CreateCombinedPdf>> {
  const { createCombinedPdf } = await import('./render/combined-pdf.js');
  return createCombinedPdf(...args);
}

/** Loads the fonts letters are set in (DejaVu Serif, or DejaVu Sans for Arabic script), or user fonts. */
export async function loadFonts(...args: Parameters<typeof LoadFontSet>): Promise<FontSet> {
  const { loadFontSet } = await import('./render/fonts.js');
  return loadFontSet(...args);
}
