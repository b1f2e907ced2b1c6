// The first module of every node's worker thread. On Node 20, `execArgv: ['--import', 'tsx']` does not
// reach a worker's module loader, so register tsx's ESM hooks here, in the worker, and only then import
// the TypeScript entry (named in workerData.entry).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
