import type { Rng } from '@faultline/core';
import type { Json, MessageBody } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import type { OpRequest } from '../run/clients.ts';

/** The workloads, by Maelstrom's names. */
export const WORKLOAD_NAMES = ['echo', 'unique-ids', 'broadcast', 'g-set', 'g-counter', 'pn-counter', 'kafka', 'txn-rw-register', 'txn-list-append', 'lin-kv'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/** A checker's verdict: valid, invalid, or unknown (could not tell, e.g. final reads timed out). */
export type Validity = true | false | 'unknown';

/** What a checker found besides the verdict: anomaly counts by name, and readable lines. */
interface CheckFindings {
  /** Anomalies by name (Elle's names where they exist), with how often each was seen. */
  readonly anomalies: Readonly<Record<string, number>>;
  /** A readable account: what was checked, and an example of each anomaly. */
  readonly lines: readonly string[];
  /** Workload-specific figures (e.g. broadcast stable latencies). */
  readonly extra?: Readonly<Record<string, Json>>;
}

/** The verdict; an `unknown` one always says why (issue 19: every unknown verdict says why). */
export type CheckVerdict =
  | { readonly valid: true | false; readonly unknownReason?: undefined }
  | { readonly valid: 'unknown'; readonly unknownReason: string };

/** What a checker found: the verdict (with the reason when unknown), anomaly counts, readable lines. */
export type CheckReport = CheckFindings & CheckVerdict;

/** What setup and final phases may do: talk to nodes as the harness, outside the measured window. */
export interface PhaseContext {
  readonly nodeIds: readonly string[];
  /** Runs one request on node `node` and records it in the history with `phase`. */
  call(node: string, op: OpRequest, phase: 'setup' | 'final', complete: (reply: MessageBody) => Json): Promise<OpRecord>;
}

/** A workload: the operations its clients run, how a reply becomes a history value, and its checker. */
export interface Workload {
  readonly name: WorkloadName;
  /** The next operation; draws only from `rng`, so the sequence of operations replays from the seed. */
  generate(rng: Rng): OpRequest;
  /** The history value of an ok reply (e.g. the messages read). */
  complete(f: string, reply: MessageBody): Json;
  /**
   * What a node gets after `init`, before the clients start and again after each restart by the
   * nemesis, so a restarted node is set up as a fresh one (broadcast: its `topology`).
   */
  prepareNode?(ctx: PhaseContext, node: string): Promise<void>;
  /** After faults healed and the recovery wait (e.g. a final read on every node). */
  final?(ctx: PhaseContext): Promise<void>;
  check(ops: readonly OpRecord[], nodeIds: readonly string[]): CheckReport;
}

/** Collects anomalies with one example line each, for a CheckReport. */
export class Anomalies {
  readonly counts: Record<string, number> = {};
  readonly examples: string[] = [];

  add(name: string, example: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    if (this.counts[name] === 1) this.examples.push(`${name}: ${example}`);
  }

  get any(): boolean {
    return this.examples.length > 0;
  }
}

/** Verdict from anomalies: invalid if any, else valid if something was observed, else unknown for `whyUnknown`. */
export function verdict(anomalies: Anomalies, observed: boolean, whyUnknown: string): CheckVerdict {
  if (anomalies.any) return { valid: false };
  return observed ? { valid: true } : { valid: 'unknown', unknownReason: whyUnknown };
}

/** Maelstrom-style op time for messages: `t=123ms`. */
export function at(op: OpRecord): string {
  return `${op.client}→${op.node} at ${Math.round(op.invokeTime)}ms`;
}
