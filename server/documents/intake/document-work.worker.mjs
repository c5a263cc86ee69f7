// Entry of a document worker thread. JavaScript on purpose: a worker starts as plain Node in
// every context (`npm start` through bin/tiendo.js, `node --import tsx`, vitest), so it
// registers tsx itself before importing the TypeScript job. The parent sends one job at a time
// once this thread has said it is ready, and terminates the thread at the job's time limit, which
// therefore never includes the start-up below; the heap is capped by resourceLimits.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// Below the HTTP thread: on Linux a thread has its own nice value and this sets only this one
// (and the PDF reader's child process inherits it), so requests are served first on a busy CPU.
try {
  setPriority(10);
} catch {
  // Not permitted or not supported: run at normal priority.
}
register();
const { runDocumentWork } = await import('./document-work.ts');
parentPort.on('message', async (input) => {
  try {
    parentPort.postMessage(await runDocumentWork(input));
  } catch (error) {
    parentPort.postMessage({ ok: false, crashed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
// WORKER_READY in document-worker.ts.
parentPort.postMessage('ready');
