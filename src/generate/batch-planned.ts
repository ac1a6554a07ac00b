// Where a run says how large its batch is, before it renders anything: the program that owns the
// process may set it up for a batch of that size (the CLI does, see cli/heap-settings.ts).
import { channel } from 'node:diagnostics_channel';

/** The diagnostics channel's name; its messages are `{ letters }`, the letters a run has planned. */
export const BATCH_PLANNED = 'ua-letter:batch-planned';
const batchPlanned = channel(BATCH_PLANNED);

export function publishBatchPlanned(letters: number): void {
  if (batchPlanned.hasSubscribers) batchPlanned.publish({ letters });
}
