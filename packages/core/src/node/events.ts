import type { Address, NodeId } from '../ids.ts';
import type { SupervisionAction } from '../actor/supervision.ts';

/** Something that happened inside a node that tools and tests may watch. Failures are never swallowed. */
export type NodeEvent =
  | { readonly type: 'actor-failed'; readonly actor: Address; readonly error: string; readonly action: SupervisionAction; readonly backoffMs: number }
  | { readonly type: 'actor-restarted'; readonly actor: Address }
  | { readonly type: 'actor-stopped'; readonly actor: Address }
  | { readonly type: 'dead-letter'; readonly to: Address; readonly from: Address; readonly reason: string }
  | { readonly type: 'malformed-frame'; readonly node: NodeId; readonly error: string; readonly bytes: number }
  | { readonly type: 'node-fatal'; readonly node: NodeId; readonly error: string };

/** Renders an error for an event or a log line. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
