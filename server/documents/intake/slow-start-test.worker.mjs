// A document worker slow to start, as a new thread is on a machine whose cores are busy
// (document-worker.test.ts): longer than a job's 8 s limit. It waits, then becomes the real entry.
await new Promise((resolve) => setTimeout(resolve, 9_000));
await import('./document-work.worker.mjs');
