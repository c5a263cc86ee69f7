// A document worker that takes a second to start, as a new thread does on a machine whose cores
// are busy (document-worker.test.ts). It waits, then becomes the real entry.
await new Promise((resolve) => setTimeout(resolve, 1_000));
await import('./document-work.worker.mjs');
