import type { LoadedAction } from '../load/load-action.js';
import { resolveLocalized } from '../schema/localized.js';

/** One row of `ua-letter list`. */
export interface ActionSummary {
  readonly file: string;
  readonly number: string;
  readonly title: string;
  readonly status: 'open' | 'closed';
  readonly deadline: string;
  /** Days from today to the deadline; negative once it has passed. */
  readonly daysLeft: number;
  readonly expired: boolean;
  readonly languages: readonly string[];
  readonly recipients: number;
}

/** Summarizes actions, most urgent first: open ones by days left, then expired, then closed. */
export function summarizeActions(actions: readonly LoadedAction[], today: string): ActionSummary[] {
  const rows = actions.map(({ file, action, slug }) => {
    const daysLeft = Math.round((Date.parse(`${action.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    return {
      file,
      number: action.number ?? slug,
      title: resolveLocalized(action.title, action.languages[0] ?? 'en', action.languages[0] ?? 'en') ?? '',
      status: action.status,
      deadline: action.deadline,
      daysLeft,
      expired: action.status === 'open' && daysLeft < 0,
      languages: action.languages,
      recipients: action.recipients.length,
    };
  });
  const rank = (row: ActionSummary) => (row.status === 'closed' ? 2 : row.expired ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.daysLeft - b.daysLeft : b.daysLeft - a.daysLeft) || a.file.localeCompare(b.file));
}
