// A worker thread that draws the print file (see print-session.ts): started ahead, it loads its
// modules and fonts, then gets the file to open, cover sheets and letters in order, and sends back
// where each landed, then the file's hash. The main thread compresses its pages' contents
// (deflate-port.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openPrintSession, type PrintReply, type PrintRequest, type PrintSession, type PrintWorkerData } from './print-session.js';
import { deflateThrough } from './deflate-port.js';
import { toErrorReply } from '../workers/error-reply.js';
import { loadFontSet } from '../render/fonts.js';

const { settings, deflatePort } = workerData as PrintWorkerData;
const deflatePage = deflateThrough(deflatePort);
// Loaded now, while the main thread is still checking the batch, so that the session opens at
// once. A font that cannot be loaded fails the session when it opens, with its own error.
await import('../render/combined-pdf.js');
try {
  loadFontSet(settings.fonts);
} catch {
  // thrown again by openPrintSession
}
let session: Promise<PrintSession> | undefined;

parentPort?.on('message', (request: PrintRequest) => {
  const reply = (message: PrintReply) => parentPort?.postMessage(message);
  let work: Promise<PrintReply>;
  if ('open' in request) {
    session = openPrintSession({ ...settings, file: request.open }, deflatePage);
    work = session.then(() => ({ id: request.id, opened: true }));
  } else if (session === undefined) {
    work = Promise.reject(new Error('the print worker was sent an item before a file to open'));
  } else if ('item' in request) {
    const { item } = request;
    work = session.then((open) => open.add(item)).then((placement) => ({ id: request.id, placement }));
  } else {
    work = session.then((open) => open.end()).then(({ sha256 }) => ({ id: request.id, sha256 }));
  }
  work.then(reply, (error: unknown) => reply({ id: request.id, ...toErrorReply(error) }));
});
