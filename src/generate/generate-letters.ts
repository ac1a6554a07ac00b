import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { UaError } from '../diagnostics/ua-error.js';
import { composeLetter } from '../compose/compose-letter.js';
import { isPastDeadline } from '../compose/letter-date.js';
import { paperForCountry } from '../compose/paper-size.js';
import { recipientCcLine } from '../compose/address-lines.js';
import type { LetterDocument } from '../letter/letter-document.js';
import { findActionFiles } from '../load/find-action-files.js';
import { loadAction, type LoadedAction } from '../load/load-action.js';
import { planLetters } from '../plan/plan-letters.js';
import { renderText } from '../render/render-text.js';
import { loadTemplates } from '../template/load-templates.js';
import type { TemplateSet } from '../template/template-set.js';
import { findExisting, resolveInside, writeFileAtomic, type OutputFile } from '../write/write-files.js';
import type { GenerateOptions } from './generate-options.js';
import { glyphDiagnostics } from './glyph-diagnostics.js';
import { buildManifest, MANIFEST_NAME, readManifest, type ManifestEntry } from './manifest.js';

/** What happened to one action file. */
export interface ActionOutcome {
  readonly file: string;
  readonly slug?: string;
  /** `written`: letters written (or listed, in a dry run); `invalid`: bad input; `refused`: closed or expired. */
  readonly status: 'written' | 'invalid' | 'refused';
  readonly diagnostics: readonly Diagnostic[];
  /** Paths of the letters, relative to the output folder. */
  readonly files: readonly string[];
}

export interface GenerateResult {
  readonly outcomes: readonly ActionOutcome[];
}

/** Loads, validates, plans, renders and writes the letters of every action in `paths`. */
export async function generateLetters(paths: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  const files = await findActionFiles(paths);
  const templateCache = new Map<string, Promise<TemplateSet>>();
  const templatesFor = (language: string): Promise<TemplateSet> => {
    const cached = templateCache.get(language);
    if (cached) return cached;
    const set = loadTemplates(language, options.templatesDir);
    templateCache.set(language, set);
    return set;
  };
  const outcomes: ActionOutcome[] = [];
  for (const file of files) {
    const loaded = await loadAction(file, { today: options.today });
    if (!loaded.ok) {
      outcomes.push({ file, status: 'invalid', diagnostics: loaded.diagnostics, files: [] });
      continue;
    }
    outcomes.push(await generateForAction(loaded, options, templatesFor));
  }
  return { outcomes };
}

async function generateForAction(
  source: LoadedAction,
  options: GenerateOptions,
  templatesFor: (language: string) => Promise<TemplateSet>,
): Promise<ActionOutcome> {
  const { action, file, slug } = source;
  const diagnostics: Diagnostic[] = [...source.diagnostics.filter((d) => d.code !== 'rule/expired')];
  const at = (field: 'status' | 'deadline', code: string, message: string, severity: 'error' | 'warning'): Diagnostic => ({
    code,
    severity,
    message,
    file,
    ...source.sourceMap.valueAt([field]),
    path: field,
  });
  if (action.status === 'closed') {
    diagnostics.push(at('status', 'generate/closed', 'this action is closed: no letters are written for it', 'error'));
    return { file, slug, status: 'refused', diagnostics, files: [] };
  }
  if (isPastDeadline(action.deadline, options.date, options.today)) {
    if (!options.allowExpired) {
      diagnostics.push(at('deadline', 'generate/expired', `the deadline ${action.deadline} has passed; check with your section office whether appeals are still useful, then use --allow-expired`, 'error'));
      return { file, slug, status: 'refused', diagnostics, files: [] };
    }
    diagnostics.push(at('deadline', 'generate/expired', `the deadline ${action.deadline} has passed (letters written because of --allow-expired)`, 'warning'));
  }

  const plan = planLetters(source, { languages: options.languages, includeCopies: options.includeCopies, ...(options.embassies ? { embassies: options.embassies } : {}) });
  diagnostics.push(...plan.diagnostics);
  if (hasErrors(plan.diagnostics)) return { file, slug, status: 'invalid', diagnostics, files: [] };

  const defaultLanguage = action.languages[0] ?? 'en';
  const paper = options.paper ?? paperForCountry(options.sender?.country);
  const documents: { basePath: string; doc: LetterDocument; letter: (typeof plan.letters)[number] }[] = [];
  for (const letter of plan.letters) {
    const templates = await templatesFor(letter.language);
    const embassy = plan.letters.find((l) => l.kind === 'diplomatic' && l.language === letter.language);
    const diplomaticCcLine = embassy ? recipientCcLine(embassy.recipient, letter.language, defaultLanguage) : undefined;
    const doc = composeLetter({ letter, templates, sender: options.sender, date: options.date, ...(diplomaticCcLine ? { diplomaticCcLine } : {}) });
    documents.push({ basePath: letter.basePath, doc, letter });
  }

  const outputs: OutputFile[] = [];
  const entries: ManifestEntry[] = [];
  const add = (letter: (typeof plan.letters)[number], relativePath: string, format: string, bytes: Uint8Array, pages?: number) => {
    outputs.push({ relativePath, bytes });
    entries.push({
      path: relativePath,
      format,
      language: letter.language,
      kind: letter.kind,
      recipient: recipientCcLine(letter.recipient, letter.language, defaultLanguage),
      ...(pages === undefined ? {} : { pages }),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  };

  if (options.formats.includes('pdf')) {
    // pdfkit is loaded only when a PDF is made, so validate and --help stay fast.
    const { loadFontSet } = await import('../render/fonts.js');
    const { renderPdf } = await import('../render/render-pdf.js');
    const { findMissingGlyphsInLetter } = await import('../render/glyph-coverage.js');
    const fonts = loadFontSet(options.fonts ?? {});
    const missing = new Set<string>();
    for (const { doc } of documents) for (const ch of findMissingGlyphsInLetter(doc, fonts)) missing.add(ch);
    if (missing.size > 0) {
      const fontName = fonts.regular.font.postscriptName ?? fonts.regular.path;
      diagnostics.push(...glyphDiagnostics([...missing], source, options.sender, fontName));
      return { file, slug, status: 'invalid', diagnostics, files: [] };
    }
    const pinned = new Date(`${options.date}T00:00:00Z`);
    for (const { basePath, doc, letter } of documents) {
      const bytes = await renderPdf(doc, { paper, fonts, date: pinned });
      add(letter, `${basePath}.pdf`, 'pdf', bytes, countPdfPages(bytes));
    }
  }
  if (options.formats.includes('txt')) {
    const encoder = new TextEncoder();
    for (const { basePath, doc, letter } of documents) add(letter, `${basePath}.txt`, 'txt', encoder.encode(renderText(doc)));
  }

  const manifestPath = `${slug}/${MANIFEST_NAME}`;
  const letterPaths = outputs.map((o) => o.relativePath);
  if (options.dryRun) return { file, slug, status: 'written', diagnostics, files: letterPaths };

  if (!options.force) {
    const existing = await findExisting(options.outDir, letterPaths);
    if (existing.length > 0) {
      throw new UaError(
        'write/exists',
        `${existing.length} file${existing.length === 1 ? '' : 's'} already exist in ${options.outDir} (first: ${existing[0]}); nothing was written for ${file}. Use --force to replace them, or another --out folder`,
        { exitCode: 2 },
      );
    }
  }
  for (const output of outputs) await writeFileAtomic(options.outDir, output, { force: options.force });
  // A later run for another language or format adds to the manifest instead of replacing it.
  const previous = await readManifest(resolveInside(options.outDir, manifestPath));
  const manifest = buildManifest(source, { date: options.date, paper }, entries, previous);
  await writeFileAtomic(options.outDir, { relativePath: manifestPath, bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) }, { force: true });
  return { file, slug, status: 'written', diagnostics, files: letterPaths };
}

// pdfkit writes page objects uncompressed, so counting them is exact and cheap.
function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
