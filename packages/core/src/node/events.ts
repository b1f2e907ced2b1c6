import type { Address, NodeId } from '../ids.ts';
import type { SupervisionAction } from '../actor/supervision.ts';

/** Something that happened inside a node that tools and tests may watch. Failures are never swallowed. */
export type NodeEvent =
  | { readonly type: 'actor-failed'; readonly actor: Address; readonly error: string; readonly action: SupervisionAction; readonly backoffMs: number }
  | { readonly type: 'actor-restarted'; readonly actor: Address }
  | { readonly type: 'actor-stopped'; readonly actor: Address }
  | { readonly type: 'dead-letter'; readonly to: Address; readonly from: Address; readonly reason: string }
  | { readonly type: 'malformed-frame'; readonly node: NodeId; readonly error: string; readonly bytes: number }
  | { readonly type: 'node-fatal'; readonly node: NodeId; readonly error: string }
  /** The node's storage file was damaged when it started: a torn last record cut off, or a corrupt one that ended the replay (records from `offset` on were dropped, none silently misread). */
  | { readonly type: 'storage-damaged'; readonly node: NodeId; readonly kind: 'torn-tail' | 'corrupt'; readonly offset: number; readonly droppedBytes: number; readonly detail: string }
  /**
   * A bounded queue of this node was full and dropped a message (tail drop, as a full socket buffer
   * does): `paused` is what a paused node holds, `mailbox` what a busy worker has yet to handle.
   * Once per overflow; `dropped` counts every drop of that queue so far (also in snapshots).
   */
  | { readonly type: 'mailbox-overflow'; readonly node: NodeId; readonly queue: 'paused' | 'mailbox' | 'send'; readonly capacity: number; readonly dropped: number; readonly to?: NodeId }
  /**
   * Envelopes on the link `from->to` this node dropped for `reason` (a `DROP_REASONS` name, or a
   * network rule's) since its last such report: coalesced, at most one per link and reason every
   * 250 ms, so the counts add up to the drops in `messageStats()` (workers and NATS).
   */
  | { readonly type: 'messages-lost'; readonly node: NodeId; readonly link: string; readonly from: string; readonly to: string; readonly reason: string; readonly count: number }
  /** Frame auth refused bytes that arrived at `node` before decoding them; `from` is the claimed sender, if any. */
  | { readonly type: 'frame-rejected'; readonly node: NodeId; readonly reason: FrameRejectReason; readonly from: string | undefined; readonly detail: string; readonly bytes: number };

/** Why frame auth refused a frame: no seal, a tag that does not match, a sender not in the cluster, or envelopes claiming another sender than the seal. */
export type FrameRejectReason = 'missing-mac' | 'bad-mac' | 'unknown-sender' | 'sender-mismatch' | 'replayed';

/** Renders an error for an event or a log line. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
