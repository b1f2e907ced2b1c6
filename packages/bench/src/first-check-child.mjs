// A fresh process's first check of one history, for checker-porcupine-bench.ts: reads, parses and
// pairs the JSONL file (untimed), then times one checkOperations from the built checker (dist/)
// and prints {"wallMs", "verdict"} as one JSON line. Usage: node first-check-child.mjs FILE MODEL
import { readFileSync } from 'node:fs';
import { checkOperations, modelByName, pairOperations, parseHistory } from '@faultline/checker';

const [file, modelName] = process.argv.slice(2);
if (file === undefined || modelName === undefined) throw new Error('usage: node first-check-child.mjs FILE MODEL');
const parsed = parseHistory(readFileSync(file, 'utf8'));
const ops = pairOperations(parsed.events, parsed.lines);
const model = modelByName(modelName);
const start = performance.now();
const { verdict } = checkOperations(model, ops);
const wallMs = performance.now() - start;
process.stdout.write(`${JSON.stringify({ wallMs, verdict })}\n`);
