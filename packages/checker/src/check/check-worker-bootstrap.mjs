// The first module of a check worker when the checker runs from its TypeScript sources (vitest,
// tsx): on Node 20 a worker does not inherit the parent's loader hooks, so register tsx here, and
// the `@faultline/source` export condition (hooks run last-registered first: tsx, then this one),
// then import the worker entry (workerData.entry). From dist/ the worker starts check-worker.js directly.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

if (workerData.sourceCondition) {
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
registerTsx();
await import(workerData.entry);
