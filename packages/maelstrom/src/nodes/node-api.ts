import type { MaelstromMessage, MessageBody } from '../protocol/message.ts';

/**
 * What a node program sees: the same calls a Maelstrom node library offers (send, reply, rpc),
 * plus time, timers and randomness from the host — so in the simulator they are virtual and seeded.
 * `programs/lib.mjs` offers the same API over stdin/stdout for running a program as a process.
 */
export interface NodeApi {
  /** This node's id; empty until `init` arrived. */
  readonly id: string;
  /** Every node id of the cluster, from `init`. */
  readonly nodeIds: readonly string[];
  send(dest: string, body: MessageBody): void;
  /** Replies to `request` (sets `in_reply_to`). */
  reply(request: MaelstromMessage, body: MessageBody): void;
  /** Sends with a fresh `msg_id` and resolves with the reply; rejects after `timeoutMs` (default 1000). */
  rpc(dest: string, body: MessageBody, timeoutMs?: number): Promise<MaelstromMessage>;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, run: () => void): () => void;
  /** The node's own clock in ms (affected by clock faults in the simulator). */
  now(): number;
  /** Uniform in [0, 1), seeded per node in the simulator. */
  random(): number;
  log(text: string): void;
}

/** A message handler; throwing answers the request with error 13 (crash). */
export type Handler = (message: MaelstromMessage) => void | Promise<void>;

/** A node program: given the API, returns handlers by message type (`init` is answered for you). */
export type NodeProgram = (node: NodeApi) => Record<string, Handler>;
