// The error for a font file that cannot be used, from whichever thread found out: font/unreadable,
// exit code 2, pointing at the file. Kept apart from fonts.ts, which loads fontkit.
import { fileDiagnostic, UaError } from '../diagnostics/ua-error.js';

export function fontUnreadable(path: string, message: string, cause?: unknown): UaError {
  return new UaError('font/unreadable', message, {
    exitCode: 2,
    cause,
    diagnostics: [fileDiagnostic(path, 'font/unreadable', message)],
  });
}
