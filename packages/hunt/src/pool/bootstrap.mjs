// The first module of a pool thread: registers tsx (test files and, from source, the packages are
// TypeScript; on Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's loader), adds the
// `@faultline/source` condition when the pool itself runs from source, then imports the pool worker.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

if (workerData.sourceCondition) {
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
registerTsx();
await import(workerData.entry);
