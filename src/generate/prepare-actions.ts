import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { isPastDeadline } from '../compose/letter-date.js';
import { fileDiagnostic } from '../diagnostics/ua-error.js';
import { findActionFilesByPath } from '../load/find-action-files.js';
import { loadAction, type LoadedAction } from '../load/load-action.js';
import { planLetters } from '../plan/plan-letters.js';
import type { LetterList } from '../plan/planned-letter.js';
import type { GenerateOptions } from './generate-options.js';

/** What happened to one action file. */
export interface ActionOutcome {
  readonly file: string;
  readonly slug?: string;
  /** `written`: letters written (or listed, in a dry run); `invalid`: bad input; `refused`: closed or expired; `skipped`: expired with --skip-expired. */
  readonly status: 'written' | 'invalid' | 'refused' | 'skipped';
  readonly diagnostics: readonly Diagnostic[];
  /** Paths of the letter files, relative to the output folder. */
  readonly files: PathList;
}

/**
 * Paths, walked in order, and how many there are. A batch of 100,000 letters has as many paths:
 * a run's outcome makes each from its letter's plan as it is walked rather than hold them all
 * (6 MB of strings at the end of a run, its peak).
 */
export interface PathList extends Iterable<string> {
  readonly length: number;
}

/** An action whose letters will be written. */
export interface PreparedAction {
  readonly source: LoadedAction;
  readonly letters: LetterList;
  readonly diagnostics: Diagnostic[];
}

/** Loads every action, applies the status and deadline checks, and plans its letters. */
export async function prepareActions(paths: readonly string[], options: GenerateOptions): Promise<{ prepared: PreparedAction[]; rejected: ActionOutcome[] }> {
  const prepared: PreparedAction[] = [];
  const rejected: ActionOutcome[] = [];
  const folders = new Map<string, string>();
  const byPath = await findActionFilesByPath(paths);
  // A folder named on the command line that holds no action file was surely meant to: say so.
  for (const empty of byPath.filter((p) => p.files.length === 0)) {
    rejected.push({ file: empty.path, status: 'invalid', diagnostics: [fileDiagnostic(empty.path, 'input/no-action-files', 'no action files (*.yaml, *.yml) in this folder')], files: [] });
  }
  for (const file of [...new Set(byPath.flatMap((p) => p.files))].sort()) {
    const loaded = await loadAction(file, { today: options.today });
    if (!loaded.ok) {
      rejected.push({ file, status: 'invalid', diagnostics: loaded.diagnostics, files: [] });
      continue;
    }
    const { action, slug } = loaded;
    const diagnostics: Diagnostic[] = loaded.diagnostics.filter((d) => d.code !== 'rule/expired');
    // Two actions writing into one folder would mix (and could overwrite) each other's letters.
    const owner = folders.get(slug);
    if (owner !== undefined) {
      const where = action.id !== undefined ? loaded.sourceMap.valueAt(['id']) : { line: 0, column: 0 };
      const message = `this action's output folder "${slug}" is also ${owner}'s; give one of them a different id`;
      diagnostics.push({ code: 'generate/duplicate-folder', severity: 'error', message, file, ...where, path: action.id !== undefined ? 'id' : '' });
      rejected.push({ file, slug, status: 'invalid', diagnostics, files: [] });
      continue;
    }
    folders.set(slug, file);
    const at = (field: 'status' | 'deadline', code: string, message: string, severity: 'error' | 'warning'): Diagnostic => ({
      code,
      severity,
      message,
      file,
      ...loaded.sourceMap.valueAt([field]),
      path: field,
    });
    if (action.status === 'closed') {
      diagnostics.push(at('status', 'generate/closed', 'this action is closed: no letters are written for it', 'error'));
      rejected.push({ file, slug, status: 'refused', diagnostics, files: [] });
      continue;
    }
    if (isPastDeadline(action.deadline, options.date, options.today)) {
      if (options.skipExpired && !options.allowExpired) {
        diagnostics.push(at('deadline', 'generate/expired', `the deadline ${action.deadline} has passed: skipped (--skip-expired)`, 'warning'));
        rejected.push({ file, slug, status: 'skipped', diagnostics, files: [] });
        continue;
      }
      if (!options.allowExpired) {
        const message = `the deadline ${action.deadline} has passed; check with your section office whether appeals are still useful, then use --allow-expired`;
        diagnostics.push(at('deadline', 'generate/expired', message, 'error'));
        rejected.push({ file, slug, status: 'refused', diagnostics, files: [] });
        continue;
      }
      diagnostics.push(at('deadline', 'generate/expired', `the deadline ${action.deadline} has passed (letters written because of --allow-expired)`, 'warning'));
    }
    const plan = planLetters(loaded, {
      languages: options.languages,
      includeCopies: options.includeCopies,
      sender: options.sender,
      ...(options.embassies ? { embassies: options.embassies } : {}),
      ...(options.signers ? { signers: options.signers } : {}),
      ...(options.returnAddress ? { returnAddress: options.returnAddress } : {}),
    });
    diagnostics.push(...plan.diagnostics);
    if (hasErrors(plan.diagnostics)) {
      rejected.push({ file, slug, status: 'invalid', diagnostics, files: [] });
      continue;
    }
    prepared.push({ source: loaded, letters: plan.letters, diagnostics });
  }
  return { prepared, rejected };
}
