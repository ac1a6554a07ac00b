import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation small for the rest of the process. V8 doubles it (up to two 16 MB
 * halves) once enough objects have survived its collections, which a batch of thousands of
 * letters soon reaches, and never gives the room back; the main thread keeps few objects for
 * long (the signers and the planned letters, soon old), so the larger halves only raise the
 * peak. With growth by a factor of 1 the halves start at 1 MB and reached 4 MB at most in a heap
 * log of 10,000 letters. Measured with the CLI on 1,000 and 10,000 letters: a print
 * file 149 -> 136 and 188 -> 163 MB, separate PDFs 207 -> 188 and 243-254 -> 228 MB, no change
 * in time beyond the runs' spread. The flag is the process's, and V8 reads it only when a
 * generation grows, so the program that owns the process sets it, once, before the work:
 * the CLI does, the library does not. The render and print workers are not affected: their
 * young generation is sized when they start (WORKER_HEAP).
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
