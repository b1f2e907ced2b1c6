/**
 * Transactions as Elle reads them: a completed operation whose value is a list of micro-operations
 * (`[:append k v]`, `[:r k v]`, `[:w k v]`). See jepsen-io/elle src/elle/txn.clj and jepsen.txn.
 */

/** A key or an element: numbers stay numbers; keywords and other values become strings (`:x`). */
export type Elem = number | string;

/** The micro-operation kinds Elle's list-append and rw-register checkers understand. */
export type MopKind = 'append' | 'r' | 'w';

/** One micro-operation: an append or write of `value`, or a read that observed `value` (null: unknown or nil). */
export interface Mop {
  readonly f: MopKind;
  readonly key: Elem;
  /** append/w: the element written; r: the list read (list-append) or the value read (rw-register), null for nil. */
  readonly value: Elem | readonly Elem[] | null;
}

/** How a transaction ended: committed, aborted, or unknown (Jepsen's `:ok`, `:fail`, `:info`). */
export type TxnType = 'ok' | 'fail' | 'info';

/** One transaction: its completion (the value with what reads saw) and, when known, its invocation. */
export interface Txn {
  /** Dense id: position among the history's transactions, 0-based. */
  readonly id: number;
  /** Jepsen's `:index` of the completion (or its position in the file when absent). */
  readonly index: number;
  /** Jepsen's `:index` of the invocation; undefined when the history holds only completions. */
  readonly invokeIndex: number | undefined;
  readonly process: number;
  readonly type: TxnType;
  readonly mops: readonly Mop[];
  /** Completion time in ns, when the history records it. */
  readonly time: number | undefined;
  /** Invocation time in ns, when known. */
  readonly invokeTime: number | undefined;
}

/** A history of transactions with the order of events, for the realtime graph. */
export interface TxnHistory {
  /** Every transaction, in completion order. */
  readonly txns: readonly Txn[];
  /**
   * The history's events in order as transaction ids: `id` for an invocation, `~id` (bitwise not)
   * for a completion. Completions without an invocation appear only as completions.
   */
  readonly events: Int32Array;
  /** Micro-ops of invocations that never completed (Elle's duplicate-appends check reads invocations). */
  readonly dangling?: readonly (readonly Mop[])[];
}

/** Renders a key or element the way Elle prints it (keywords keep their colon). */
export function showElem(e: Elem | null | undefined): string {
  if (e === null || e === undefined) return 'nil';
  return typeof e === 'number' ? String(e) : e;
}

/** Renders a list read, Elle-style: `[1 2 3]`. */
export function showList(v: readonly Elem[] | Elem | null): string {
  if (v === null) return 'nil';
  if (!Array.isArray(v)) return showElem(v as Elem);
  return `[${(v as readonly Elem[]).map(showElem).join(' ')}]`;
}

/** A transaction's name in explanations: `T<index>`. */
export function txnName(t: Txn): string {
  return `T${t.index}`;
}
