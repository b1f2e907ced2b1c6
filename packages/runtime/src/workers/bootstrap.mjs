// The first module of a node's worker thread when it needs tsx: its actor modules are TypeScript, or the
// runtime itself runs from source. On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's
// module loader, so register the hooks here, in the worker, and only then import the node entry
// (workerData.entry). From source, @faultline/* must resolve to their sources too: add the
// `@faultline/source` export condition first (hooks run last-registered first: tsx, then this one).
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

if (workerData.sourceCondition) {
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
registerTsx();
await import(workerData.entry);
