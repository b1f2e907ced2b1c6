import type { Deadline } from '../../check/deadline.ts';
import { HistoryBudgetError } from '../../history/errors.ts';
import { MAX_VALUE_DEPTH, nestsDeeperThan } from '../../history/value.ts';
import { openChunkSource } from '../../parse/chunk-source.ts';
import { readEdn, EdnSyntaxError, type EdnValue } from '../../parse/edn.ts';
import type { Elem, Mop, MopKind, Txn, TxnHistory, TxnType } from './txn.ts';

/** A transactional history could not be read; names the form (1-based) and what was wrong. */
export class TxnHistoryError extends Error {
  override readonly name = 'TxnHistoryError';
}

/** One event as read, before pairing. */
interface RawEvent {
  type: 'invoke' | TxnType;
  process: number;
  index: number | undefined;
  time: number | undefined;
  value: readonly Mop[] | null;
  order: number;
}

/**
 * Reads a transactional history: Jepsen EDN (a sequence of maps like
 * `{:type :ok, :f :txn, :value [[:append :x 1] [:r :x [1]]], :process 0, :index 3, :time 9}`,
 * possibly spanning lines, with `;` comments, as in elle's histories/*.edn) or faultline JSONL
 * (`{"type":"ok","process":0,"f":"txn","value":[["append","x",1],["r","x",[1]]],"time":9}`).
 */
export function parseTxnHistory(text: string): TxnHistory {
  const first = text.trimStart()[0];
  const raw = first === undefined ? [] : looksLikeJsonl(text) ? readJsonl(text) : readEdnForms(text);
  return pairEvents(raw);
}

/** Largest transaction history file read (it is held whole as text): past it, a TxnHistoryError (exit 64). */
export const MAX_TXN_HISTORY_BYTES = 256 * 1024 * 1024;

/**
 * Reads and parses a history file (see parseTxnHistory), never past `maxBytes` (default and at most
 * MAX_TXN_HISTORY_BYTES): `/dev/zero` is an input error, not a heap abort (issue 21). With a
 * `deadline`, waiting for input (a named pipe that never writes) ends in HistoryBudgetError.
 */
export async function readTxnHistoryFile(path: string, limits: { readonly deadline?: Deadline; readonly maxBytes?: number } = {}): Promise<TxnHistory> {
  const max = Math.min(limits.maxBytes ?? MAX_TXN_HISTORY_BYTES, MAX_TXN_HISTORY_BYTES);
  const source = openChunkSource(path);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = await source.read(chunk, 0, chunk.length, limits.deadline, () => new HistoryBudgetError(limits.deadline?.reason('reading', '(waiting for input)') ?? 'timed out'));
      if (n === 0) break;
      total += n;
      if (total > max) throw new TxnHistoryError(`history file is larger than ${Math.round(max / 1048576)} MiB, the most a transaction history is read whole: is this a history file?`);
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    source.close();
  }
  return parseTxnHistory(Buffer.concat(chunks, total).toString('utf8'));
}

function looksLikeJsonl(text: string): boolean {
  const line = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith(';'));
  return line !== undefined && /^\s*\{\s*"/.test(line);
}

function readJsonl(text: string): RawEvent[] {
  const out: RawEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      throw new TxnHistoryError(`line ${i + 1}: not JSON: ${(e as Error).message}`);
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new TxnHistoryError(`line ${i + 1}: expected a JSON object`);
    if (nestsDeeperThan(o, MAX_VALUE_DEPTH + 1)) throw new TxnHistoryError(`line ${i + 1}: nests arrays or objects deeper than ${MAX_VALUE_DEPTH} levels`);
    const r = o as Record<string, unknown>;
    const ev = toRaw(r.type, r.process, r.index, r.time, r.value, `line ${i + 1}`, out.length, (v) => v, 1e6);
    if (ev !== undefined) out.push(ev);
  }
  return out;
}

/** Splits EDN text into its top-level forms (maps) and reads each with the shared EDN reader. */
function readEdnForms(text: string): RawEvent[] {
  const out: RawEvent[] = [];
  let depth = 0;
  let start = -1;
  let form = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[' || c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth < 0) throw new TxnHistoryError(`EDN form ${form + 1}: unbalanced ${c} at offset ${i}`);
      if (depth === 0) {
        form++;
        // A non-client event (`:process :nemesis`) may carry values the shared reader does not take
        // (string-keyed maps); it is skipped unread, as Jepsen's client-ops drops it.
        if (/:process\s+:/.test(text.slice(start, i + 1))) continue;
        let v: EdnValue;
        try {
          v = readEdn(text.slice(start, i + 1));
        } catch (e) {
          if (e instanceof EdnSyntaxError) throw new TxnHistoryError(`EDN form ${form}: ${e.message}`);
          throw e;
        }
        if (Array.isArray(v)) {
          for (const item of v) pushEdn(item, form, out);
        } else {
          pushEdn(v, form, out);
        }
      }
    } else if (depth === 0 && c !== undefined && !/[\s,]/.test(c)) {
      throw new TxnHistoryError(`EDN form ${form + 1}: expected a map, got ${JSON.stringify(c)} at offset ${i}`);
    }
  }
  if (depth !== 0) throw new TxnHistoryError(`EDN form ${form + 1}: unterminated at end of text`);
  return out;
}

function pushEdn(v: EdnValue, form: number, out: RawEvent[]): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v.kind !== 'map') throw new TxnHistoryError(`EDN form ${form}: expected an operation map`);
  const g = (k: string): unknown => ednToPlain(v.entries.get(k));
  const ev = toRaw(g('type'), g('process') ?? 0, g('index'), g('time'), g('value'), `EDN form ${form}`, out.length, (x) => x, 1);
  if (ev !== undefined) out.push(ev);
}

/** EDN to plain values: keywords become `:name` strings, maps objects. */
function ednToPlain(v: EdnValue | undefined): unknown {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(ednToPlain);
  if (v.kind === 'keyword') return `:${v.name}`;
  const o: Record<string, unknown> = {};
  for (const [k, x] of v.entries) o[k] = ednToPlain(x);
  return o;
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function toRaw(
  type: unknown, process: unknown, index: unknown, time: unknown, value: unknown,
  where: string, order: number, _id: (x: unknown) => unknown, timeScale: number,
): RawEvent | undefined {
  const t = typeof type === 'string' ? type.replace(/^:/, '') : undefined;
  if (t === undefined || !TYPES.has(t)) throw new TxnHistoryError(`${where}: type must be one of invoke, ok, fail, info; got ${JSON.stringify(type)}`);
  if (typeof process === 'string') return undefined; // :nemesis and friends are not clients
  if (typeof process !== 'number' || !Number.isSafeInteger(process)) throw new TxnHistoryError(`${where}: process must be an integer; got ${JSON.stringify(process)}`);
  if (index !== undefined && (typeof index !== 'number' || !Number.isSafeInteger(index))) throw new TxnHistoryError(`${where}: index must be an integer`);
  if (time !== undefined && typeof time !== 'number') throw new TxnHistoryError(`${where}: time must be a number`);
  return {
    type: t as RawEvent['type'], process, index: index as number | undefined,
    time: time === undefined ? undefined : (time as number) * timeScale,
    value: toMops(value, where), order,
  };
}

function toElem(x: unknown, where: string): Elem {
  if (typeof x === 'number' || typeof x === 'string') return x;
  if (typeof x === 'boolean') return String(x);
  if (x !== null && typeof x === 'object') return JSON.stringify(x);
  throw new TxnHistoryError(`${where}: a key or element must be a number, string or keyword; got ${JSON.stringify(x)}`);
}

function toMops(value: unknown, where: string): readonly Mop[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw new TxnHistoryError(`${where}: value must be a list of micro-operations like [:append :x 1]`);
  return value.map((m, i): Mop => {
    // A read may omit its value on invocation (`[:r :x]`), as in elle's wr-process-test.
    if (!Array.isArray(m) || m.length < 2 || m.length > 3) throw new TxnHistoryError(`${where}: micro-op ${i} must be [f key value]; got ${JSON.stringify(m)}`);
    const f = typeof m[0] === 'string' ? m[0].replace(/^:/, '') : '';
    if (f !== 'append' && f !== 'r' && f !== 'w') throw new TxnHistoryError(`${where}: micro-op ${i}: f must be append, r or w; got ${JSON.stringify(m[0])}`);
    const key = toElem(m[1], where);
    const v: unknown = m[2];
    let val: Elem | readonly Elem[] | null;
    if (v === null || v === undefined) val = null;
    else if (Array.isArray(v)) val = v.map((e) => toElem(e, where));
    else val = toElem(v, where);
    return { f: f as MopKind, key, value: val };
  });
}

/** Pairs each invocation with its process's next completion (Jepsen's pairing); orders by `:index` when given. */
function pairEvents(raw: RawEvent[]): TxnHistory {
  const indexed = raw.every((e) => e.index !== undefined);
  if (indexed) raw.sort((a, b) => a.index! - b.index! || a.order - b.order);
  // Open invocations per process, oldest first: a process normally has one, but Elle's own tests
  // (unobserved-write-test) invoke several on one process and complete them in order.
  const open = new Map<number, RawEvent[]>();
  const txns: Txn[] = [];
  const events: number[] = [];
  const invokeSlot = new Map<RawEvent, number>();
  for (let i = 0; i < raw.length; i++) {
    const e = raw[i]!;
    const index = e.index ?? i;
    if (e.type === 'invoke') {
      const q = open.get(e.process);
      if (q === undefined) open.set(e.process, [e]);
      else q.push(e);
      invokeSlot.set(e, events.length);
      events.push(0); // patched with the txn id at completion
      continue;
    }
    const inv = open.get(e.process)?.shift();
    const id = txns.length;
    const mops = e.value ?? inv?.value ?? [];
    txns.push({
      id, index, invokeIndex: inv === undefined ? undefined : (inv.index ?? raw.indexOf(inv)),
      process: e.process, type: e.type as TxnType, mops,
      time: e.time, invokeTime: inv?.time,
    });
    if (inv !== undefined) events[invokeSlot.get(inv)!] = id;
    events.push(~id);
  }
  // Invocations that never completed are dropped, as Jepsen's client-ops pairing leaves them without a completion.
  const kept: number[] = [];
  const dangling = new Set<number>();
  const danglingMops: (readonly Mop[])[] = [];
  for (const q of open.values()) for (const inv of q) { dangling.add(invokeSlot.get(inv)!); danglingMops.push(inv.value ?? []); }
  for (let i = 0; i < events.length; i++) if (!dangling.has(i)) kept.push(events[i]!);
  return { txns, events: Int32Array.from(kept), dangling: danglingMops };
}
