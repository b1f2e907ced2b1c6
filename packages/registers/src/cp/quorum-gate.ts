import { address, type ActorContext } from '@faultline/core';

/** Where to ask, on the local node, whether this side of the cluster holds a quorum. */
export interface QuorumGate {
  /** The membership actor's name on every node. */
  readonly actor: string;
  /** How long to wait for the local answer before assuming there is a quorum (and trying). */
  readonly timeoutMs?: number;
}

/**
 * Asks the node's own membership actor whether it sees a quorum. A same-node ask never crosses
 * the network, so it costs no round trip. When the answer does not come, the register tries
 * anyway: the quorum calls themselves are the real safety check.
 */
export async function hasQuorumLocally(ctx: ActorContext, gate: QuorumGate): Promise<boolean> {
  const outcome = await ctx.ask<{ hasQuorum: boolean }>(address(ctx.self.node, gate.actor), { type: 'quorum' }, { timeoutMs: gate.timeoutMs ?? 50 });
  return outcome.status !== 'ok' || outcome.value.hasQuorum;
}
