// A worker thread that draws the print file (see print-session.ts): it gets cover sheets and
// letters in order and sends back where each landed, then the file's hash. The main thread
// compresses its pages' contents (deflate-port.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openPrintSession, type PrintReply, type PrintRequest, type PrintWorkerData } from './print-session.js';
import { deflateThrough } from './deflate-port.js';
import { toErrorReply } from '../workers/error-reply.js';

const { options, deflatePort } = workerData as PrintWorkerData;
const session = await openPrintSession(options, deflateThrough(deflatePort));

parentPort?.on('message', (request: PrintRequest) => {
  const reply = (message: PrintReply) => parentPort?.postMessage(message);
  const work = 'item' in request ? session.add(request.item).then((placement) => ({ id: request.id, placement })) : session.end().then(({ sha256 }) => ({ id: request.id, sha256 }));
  work.then(reply, (error: unknown) => reply({ id: request.id, ...toErrorReply(error) }));
});
