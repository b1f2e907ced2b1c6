import { parentPort, workerData } from 'node:worker_threads';
import { errorText } from '@faultline/core';

/**
 * A pool thread: imports the handler module the pool was made with (named by the parent, never by
 * a message) and answers each `{id, input}` with `{id, ok, output}` or `{id, ok: false, error}`.
 */
const { handlerModule, handlerExport } = workerData as { handlerModule: string; handlerExport: string };
const mod = (await import(handlerModule)) as Record<string, unknown>;
const handler = mod[handlerExport];
if (typeof handler !== 'function') throw new Error(`pool handler ${handlerExport} is not exported by ${handlerModule}`);
const port = parentPort!;
port.on('message', (msg: { id: number; input: unknown }) => {
  Promise.resolve()
    .then(() => (handler as (input: unknown) => unknown)(msg.input))
    .then((output) => port.postMessage({ id: msg.id, ok: true, output }), (e: unknown) => port.postMessage({ id: msg.id, ok: false, error: errorText(e) }));
});
port.postMessage({ ready: true });
