import type { TxnCycleChart } from './txn-cycle-chart.ts';
// The data a report page draws, as plain JSON: built in Node from a run folder, inlined into the
// HTML and read by the client script. Large sets are columns of numbers (one array per field),
// which keeps a 100k-message trace compact and lets the page draw from typed arrays.

/** A stretch of time when a fault was in force, shaded on every time axis. */
export interface FaultWindow {
  readonly kind: 'partition' | 'crash' | 'pause' | 'clock' | 'link-fault';
  /** True time (ms) the fault began and ended (the run's end when it never ended). */
  readonly from: number;
  readonly to: number;
  /** The nodes it touched (for a partition: every node on either side of a cut). */
  readonly nodes: readonly string[];
  readonly label: string;
}

/** How a sent message ended. */
export const FATES = ['delivered', 'dropped', 'duplicated', 'in-flight'] as const;
/** One of {@link FATES}. */
export type Fate = (typeof FATES)[number];

/** Every message of a trace, one entry per send, as parallel columns. */
export interface MessageColumns {
  readonly count: number;
  /** Lane names; `from`/`to` index into it. */
  readonly lanes: readonly string[];
  /** Message types (the payload's `type`, else the envelope kind); `type` indexes into it. */
  readonly types: readonly string[];
  /** Drop reasons; `reason` indexes into it (-1: not dropped). */
  readonly reasons: readonly string[];
  /** Actor names (`name@node`); `src`/`dst` index into it. */
  readonly actors: readonly string[];
  /** Send time (true time, ms), ascending. */
  readonly send: readonly number[];
  /** First delivery time, or the drop time, or -1 in flight at the end of the trace. */
  readonly end: readonly number[];
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly type: readonly number[];
  /** Index into {@link FATES}. */
  readonly fate: readonly number[];
  readonly reason: readonly number[];
  readonly src: readonly number[];
  readonly dst: readonly number[];
  /** Envelope kinds (tell, ask, reply, fail); `kind` indexes into it. */
  readonly kinds: readonly string[];
  readonly kind: readonly number[];
  readonly id: readonly number[];
  readonly bytes: readonly number[];
  /** Sender's Lamport stamp (-1 when absent). */
  readonly lamport: readonly number[];
  /** Sender's HLC stamp as `l.c` ('' when absent). */
  readonly hlc: readonly string[];
  /** Sender's vector clock as JSON ('' when absent). */
  readonly vc: readonly string[];
  /** Distinct payloads as JSON, each cut at a few hundred characters; `payload` indexes into it. */
  readonly payloads: readonly string[];
  readonly payload: readonly number[];
  /** Extra delivery times of duplicated messages, by message index. */
  readonly copies: Readonly<Record<string, readonly number[]>>;
  /** Largest send-to-end span (ms): how far before a view a message may start and still cross it. */
  readonly maxSpan: number;
}

/** Every client operation of a history, as parallel columns (index = the checker's op id). */
export interface OperationColumns {
  readonly count: number;
  readonly process: readonly number[];
  readonly f: readonly string[];
  readonly key: readonly string[];
  /** Argument and result, as short text. */
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly call: readonly number[];
  /** Completion time; -1 for an unknown outcome (the bar runs to the end). */
  readonly ret: readonly number[];
  readonly status: readonly ('ok' | 'fail' | 'info')[];
}

/** The checker's verdict on one key, with the ops it names by id. */
export interface KeyVerdict {
  readonly key: string | null;
  readonly verdict: 'linearizable' | 'not-linearizable' | 'unknown';
  readonly operations: number;
  /** Longest linearizable prefix, in linearization order (not-linearizable only). */
  readonly prefix: readonly number[];
  /** The ops none of which can be placed next. */
  readonly stuck: readonly number[];
  /** The op whose return bounds the next step, or -1. */
  readonly due: number;
  readonly state: string;
  readonly reason: string;
  /** Why each stuck op the model can explain cannot take effect, in the model's own terms (`#id: sentence`); absent when none. */
  readonly why?: readonly string[];
}

/** One recorded history with its check. */
export interface HistoryModel {
  readonly name: string;
  readonly model: string;
  /** The node each process ran against, by process number. */
  readonly nodeOfProcess: Readonly<Record<string, string>>;
  readonly ops: OperationColumns;
  readonly check?: {
    readonly verdict: 'linearizable' | 'not-linearizable' | 'unknown';
    readonly explanation: string;
    readonly perKey: readonly KeyVerdict[];
  };
  /** Frames between nodes per completed operation, when counted. */
  readonly messagesPerOp?: number;
  /** Fault windows of this history's run. */
  readonly windows: readonly FaultWindow[];
}

/** One node's view of another over time. */
/** One Raft node over time: from `at[i]` on it had `role[i]`, `term[i]` and `commit[i]` (its own clock). */
export interface RaftTrack {
  readonly node: string;
  readonly at: readonly number[];
  readonly role: readonly string[];
  readonly term: readonly number[];
  readonly commit: readonly number[];
}

/** Every Raft node's role and term over time, and its commit index. */
export interface RaftModel {
  readonly tracks: readonly RaftTrack[];
  readonly maxCommit: number;
}

export interface MembershipTrack {
  readonly observer: string;
  readonly member: string;
  /** Status changes: times (ascending) and statuses. */
  readonly at: readonly number[];
  readonly status: readonly string[];
}

/** Every node's view of every other and its quorum, over time. */
export interface MembershipModel {
  readonly nodes: readonly string[];
  readonly tracks: readonly MembershipTrack[];
  /** Quorum changes per observer. */
  readonly quorum: readonly { readonly observer: string; readonly at: readonly number[]; readonly has: readonly boolean[]; readonly text: readonly string[] }[];
}

/** Counters of one directed link. */
export interface LinkRow {
  readonly link: string;
  readonly sent: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly duplicated: number;
  readonly delayed: number;
  readonly dropReasons: Readonly<Record<string, number>>;
}

/** A named counters snapshot (the whole run, or one experiment). */
export interface CountersModel {
  readonly name: string;
  readonly links: readonly LinkRow[];
  readonly total: LinkRow;
  readonly messagesPerOp?: number;
}

/** Actors' states after each message they handled, as columns in time order. */
export interface StateColumns {
  readonly count: number;
  /** Actor names (`name@node`); `actor` indexes into it. */
  readonly actors: readonly string[];
  readonly t: readonly number[];
  readonly actor: readonly number[];
  /** The state as JSON text (cut at 600 characters). */
  readonly state: readonly string[];
}

/** One scene of a lesson demo: a labelled stretch of the run with what the demo measured in it. */
export interface SceneModel {
  readonly name: string;
  readonly title: string;
  readonly from: number;
  readonly to: number;
  readonly lines: readonly string[];
  /** The run's fault windows that overlap the scene, by index into {@link ReportModel.windows}. */
  readonly windows: readonly number[];
}

/** Everything one report page shows. */
export interface ReportModel {
  readonly title: string;
  readonly seed: number | null;
  readonly runtime: string;
  readonly replay: string;
  readonly lines: readonly string[];
  /** End of the run (ms of true time): the right edge of every axis. */
  readonly endMs: number;
  readonly windows: readonly FaultWindow[];
  /** The scenes of a lesson demo, in time order (empty for other runs). */
  readonly scenes: readonly SceneModel[];
  /** A clock lesson's clocks and stamps (`clocks.json` as written). */
  readonly clocks?: {
    readonly offsets: Readonly<Record<string, number>>;
    readonly stamps: readonly { readonly scene: string; readonly node: string; readonly label: string; readonly at: number; readonly l: number; readonly c: number; readonly kept: boolean }[];
  };
  readonly messages?: MessageColumns;
  /** Actors' `inspect()` views over time, for the step mode (absent when no actor defines `inspect`). */
  readonly states?: StateColumns;
  readonly histories: readonly HistoryModel[];
  readonly membership?: MembershipModel;
  readonly raft?: RaftModel;
  readonly counters: readonly CountersModel[];
  /** Cycles of transactional anomalies, drawn over their transactions' timeline. */
  readonly txnCycles?: readonly TxnCycleChart[];
}
