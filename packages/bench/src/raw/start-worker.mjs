// A bare worker for the start-up baseline: it loads what any node needs at least (msgpackr) and says so.
import { parentPort } from 'node:worker_threads';
import { Packr } from 'msgpackr';

new Packr({ useRecords: false }).pack({ ready: true });
parentPort.postMessage('ready');
