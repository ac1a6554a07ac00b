// A worker thread that draws the print file (see print-session.ts): it gets cover sheets and
// letters in order and sends back where each landed, then the file's hash.
import { parentPort, workerData } from 'node:worker_threads';
import { UaError } from '../diagnostics/ua-error.js';
import { openPrintSession, type PrintReply, type PrintRequest, type PrintSessionOptions } from './print-session.js';

const session = await openPrintSession(workerData as PrintSessionOptions);

parentPort?.on('message', (request: PrintRequest) => {
  const reply = (message: PrintReply) => parentPort?.postMessage(message);
  const work = 'item' in request ? session.add(request.item).then((placement) => ({ id: request.id, placement })) : session.end().then(({ sha256 }) => ({ id: request.id, sha256 }));
  work.then(reply, (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const ioCode = (error as { code?: unknown } | null)?.code;
    if (error instanceof UaError) reply({ id: request.id, error: message, code: error.code, exitCode: error.exitCode });
    else reply({ id: request.id, error: message, ...(typeof ioCode === 'string' ? { ioCode } : {}) });
  });
});
