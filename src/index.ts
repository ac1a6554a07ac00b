// The ua-letter library: load -> validate -> plan letters -> compose -> render -> write.
// The CLI (src/cli) is a thin layer over these functions.

import type { renderPdf as RenderPdf } from './render/render-pdf.js';

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
export type { LetterKind, PlannedLetter } from './plan/planned-letter.js';

export type { Block, LetterDocument, ListBlock, ParagraphBlock, TextRun } from './letter/letter-document.js';
export type { TemplateContext } from './letter/template-context.js';
export type { ComposeInput } from './compose/compose-letter.js';
export { composeLetter } from './compose/compose-letter.js';
export { renderText } from './render/render-text.js';

export type { ActionOutcome, GenerateResult } from './generate/generate-letters.js';
export { generateLetters } from './generate/generate-letters.js';
export type { GenerateOptions, LetterFormat } from './generate/generate-options.js';

export type { Formatter, FormatName, ReportStyle } from './report/formatters.js';
export { FORMATTERS, formatGithub, formatJson, formatStylish } from './report/formatters.js';

/** Renders a letter as PDF; loads pdfkit on first use, so importing the library stays cheap. */
export async function renderPdf(...args: Parameters<typeof RenderPdf>): Promise<Uint8Array> {
  const { renderPdf: render } = await import('./render/render-pdf.js');
  return render(...args);
}
