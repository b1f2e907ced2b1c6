// A tiny Maelstrom node library for the test programs: the same API as faultline's NodeApi
// (packages/maelstrom/src/nodes/node-api.ts), over stdin/stdout, one JSON message per line.
// A program module exports `program(node) → handlers` and calls `runIfMain(import.meta.url, program)`,
// so the same file runs as a process (`node echo.mjs`) and in faultline's simulator (imported).
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** JSON.stringify, writing a bigint as its digits (a 64-bit id is an integer on the wire). */
function toJson(value) {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v)).replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** Runs `program` on stdin/stdout. */
export function runStdio(program) {
  let id = '';
  let nodeIds = [];
  let nextMsgId = 0;
  const pending = new Map();
  const send = (dest, body) => process.stdout.write(`${toJson({ src: id, dest, body })}\n`);
  const node = {
    get id() { return id; },
    get nodeIds() { return nodeIds; },
    send,
    reply: (req, body) => send(req.src, { ...body, in_reply_to: req.body.msg_id ?? 0 }),
    rpc: (dest, body, timeoutMs = 1000) => new Promise((resolve, reject) => {
      const msgId = ++nextMsgId;
      const timer = setTimeout(() => { pending.delete(msgId); reject(new Error(`rpc ${body.type} to ${dest} timed out`)); }, timeoutMs);
      pending.set(msgId, (m) => { clearTimeout(timer); resolve(m); });
      send(dest, { ...body, msg_id: msgId });
    }),
    setTimer: (ms, run) => { const t = setTimeout(run, ms); return () => clearTimeout(t); },
    now: () => Date.now(),
    random: () => Math.random(),
    log: (text) => process.stderr.write(`${text}\n`),
  };
  const handlers = program(node);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const msg = JSON.parse(line);
    const body = msg.body;
    if (body.in_reply_to !== undefined && pending.has(body.in_reply_to)) {
      const settle = pending.get(body.in_reply_to);
      pending.delete(body.in_reply_to);
      settle(msg);
      return;
    }
    if (body.type === 'init') {
      id = body.node_id;
      nodeIds = body.node_ids;
      node.reply(msg, { type: 'init_ok' });
    }
    const handler = handlers[body.type];
    if (!handler) {
      if (body.type !== 'init' && body.msg_id !== undefined) node.reply(msg, { type: 'error', code: 10, text: `no handler for ${body.type}` });
      return;
    }
    const fail = (error) => {
      node.log(`handler for ${body.type} threw: ${error}`);
      if (body.msg_id !== undefined) node.reply(msg, { type: 'error', code: 13, text: String(error) });
    };
    try {
      const r = handler(msg);
      if (r instanceof Promise) r.catch(fail);
    } catch (error) {
      fail(error);
    }
  });
}

/** Runs `program` on stdio when the module is the process's entry point. */
export function runIfMain(moduleUrl, program) {
  if (process.argv[1] && fileURLToPath(moduleUrl) === process.argv[1]) runStdio(program);
}

/** Calls a key-value service; resolves with the reply body (error replies included). */
export async function kv(node, service, body, timeoutMs = 1000) {
  const reply = await node.rpc(service, body, timeoutMs);
  return reply.body;
}
