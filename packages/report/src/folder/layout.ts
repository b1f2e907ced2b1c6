/** The files of a run folder: what each holds. `docs/reference.md` lists them from this table. */
export const RUN_FILES = [
  { file: 'run.json', holds: 'the manifest: title, seed, runtime, nodes, replay command, histories (file, model, node of each process), end time, and the SHA-256 of every other file the run wrote (a folder mixing two runs is refused)' },
  { file: 'trace.jsonl', holds: 'every message event (send, deliver, drop) in true time; sends also carry the payload type, Lamport/HLC/vector stamps and the payload (cut at 300 characters)' },
  { file: '<history>.jsonl', holds: 'one history per register run (e.g. cp.jsonl, ap.jsonl) or Maelstrom test (e.g. lin-kv.jsonl): invoke/ok/fail/info events, readable by faultline check' },
  { file: 'checks.json', holds: 'the checker result per history: verdict, explanation, per key the longest linearizable prefix and the operations that cannot be placed' },
  { file: 'txn.json', holds: 'the cycle of each transactional anomaly found (Elle-class check): its transactions with their process and span in event order, and its edges (ww, wr, rw, process, realtime) labelled' },
  { file: 'nemesis.jsonl', holds: 'the nemesis schedule as it ran: true time, op, text; how late each step started (lateMs), and why a step never ran (skipped)' },
  { file: 'raft-roles.jsonl', holds: 'Raft nodes over time: role, term and commit index at each change, by node' },
  { file: 'membership.jsonl', holds: 'membership events of every node: member status changes and quorum changes, by observer' },
  { file: 'scenes.jsonl', holds: 'the scenes of a lesson demo as they ran: name, title, true-time span, and the lines the demo printed for it' },
  { file: 'clocks.json', holds: 'a clock lesson\'s clocks and stamps: each node\'s clock offset from true time, and each stamped event (true time, node, physical and logical part of its stamp, scene)' },
  { file: 'states.jsonl', holds: 'each actor\'s own view of its state (its inspect()) after every message it handled, in true time, as JSON cut at 600 characters (simulator runs of actors that define inspect)' },
  { file: 'counters.json', holds: 'network counter snapshots per directed link (sent, delivered, dropped by reason, duplicated, delayed, …), by name' },
  { file: 'report.html', holds: 'the report: one self-contained page (scripts, styles and data inlined) that opens from disk' },
] as const;

/** A history's name: a plain file name of the run folder (letters, digits, `.`, `_`, `-`; no leading dot), never a path. */
export const HISTORY_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The format tag in every `run.json`. */
export const RUN_FORMAT = 'faultline-run/1';

/** One history recorded in a run. */
export interface HistoryEntry {
  /** Short name, e.g. `cp`; the file is `<name>.jsonl`. */
  readonly name: string;
  /** Checker model: register, cas-register or kv. */
  readonly model: string;
  /** The node each process's requests went to, by process number. */
  readonly nodeOfProcess?: Readonly<Record<string, string>>;
  /** Frames between nodes per completed operation, when counted. */
  readonly messagesPerOp?: number;
}

/** `run.json`: what a run was and how to replay it. */
export interface RunManifest {
  readonly format: typeof RUN_FORMAT;
  readonly title: string;
  /** The seed, or null for a run without one (e.g. a history checked on its own). */
  readonly seed: number | null;
  readonly runtime: string;
  readonly nodes: readonly string[];
  /** The command that replays this run exactly. */
  readonly replay: string;
  readonly histories: readonly HistoryEntry[];
  /** True time (ms) the run ended. */
  readonly endMs: number;
  /** SHA-256 (hex) of every other file this run wrote, by name: a file that differs came from another run. */
  readonly files?: Readonly<Record<string, string>>;
}

/** The files a run folder may hold besides its histories (`report.html` is rewritten from the rest). */
export const RUN_OWN_FILES = ['run.json', 'trace.jsonl', 'checks.json', 'nemesis.jsonl', 'membership.jsonl', 'raft-roles.jsonl', 'scenes.jsonl', 'clocks.json', 'states.jsonl', 'counters.json', 'txn.json', 'report.html'] as const;

/** One nemesis step as it ran (`nemesis.jsonl`). */
export interface NemesisRecord {
  /** True time the op ran. */
  readonly t: number;
  readonly op: { readonly kind: string; readonly nodes?: readonly string[]; readonly plan?: { readonly groups: readonly (readonly string[])[] } };
  readonly text: string;
  /** The history (experiment) it belongs to, when a run holds several. */
  readonly history?: string;
  /** How late the step started against its schedule (the nemesis log's `lateMs`). */
  readonly lateMs?: number;
  /** Why the step never ran, when it was skipped (then it opens and closes no window). */
  readonly skipped?: string;
}

/** One Raft node's state at a change (`raft-roles.jsonl`): its role, term and commit index from `at` on. */
export interface RaftRecord {
  readonly node: string;
  /** The node's clock at the change, ms. */
  readonly at: number;
  readonly role: string;
  readonly term: number;
  readonly commitIndex: number;
}

/** One membership event (`membership.jsonl`), as the membership package reports it. */
export interface MembershipRecord {
  readonly type: string;
  readonly observer: string;
  /** True time of the event (the observer's clock for membership events). */
  readonly at: number;
  readonly node?: string;
  readonly status?: string;
  readonly quorum?: { readonly hasQuorum: boolean; readonly reachable: number; readonly needed: number };
}

/** One scene of a lesson demo (`scenes.jsonl`): a labelled stretch of the run, drawn as its own section. */
export interface SceneRecord {
  /** Short name, e.g. `loss` or `1-naive`. */
  readonly name: string;
  readonly title: string;
  /** True time the scene began and ended. */
  readonly from: number;
  readonly to: number;
  /** What the demo printed about it (the measured outcome). */
  readonly lines: readonly string[];
}

/** One stamped event of a clock lesson: when it truly happened and the timestamp a node gave it. */
export interface StampRecord {
  /** The scene it belongs to (e.g. the conflict policy). */
  readonly scene: string;
  readonly node: string;
  /** What was stamped, e.g. `write "first"`. */
  readonly label: string;
  /** True time (ms) of the event. */
  readonly at: number;
  /** The stamp's physical part (ms on the node's clock) and logical counter. */
  readonly l: number;
  readonly c: number;
  /** Whether this event's value is the one every replica kept. */
  readonly kept: boolean;
}

/** `clocks.json`: each node's clock against true time, and the stamps the lesson is about. */
export interface ClocksRecord {
  /** How far each node's clock runs ahead of true time, ms (negative: behind). */
  readonly offsets: Readonly<Record<string, number>>;
  readonly stamps: readonly StampRecord[];
}

/** One actor's state after it handled a message (`states.jsonl`). */
export interface StateRecord {
  /** True time. */
  readonly t: number;
  /** `name@node`. */
  readonly actor: string;
  /** Its `inspect()` view as JSON, cut at {@link STATE_CHARS} characters. */
  readonly state: string;
}

/** How much of a state's JSON a run folder keeps. */
export const STATE_CHARS = 600;
