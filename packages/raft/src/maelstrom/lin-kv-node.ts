import { address, defineActor, isRejection, type Rejection } from '@faultline/core';
import { actorProgram, MAELSTROM_ACTOR, type Json, type MessageBody, type NodeProgram } from '@faultline/maelstrom';
import { leaderHint } from '../kv/kv-protocol.ts';
import { RaftKv, type RaftKvProps, type RaftKvStatus } from '../kv/raft-kv.ts';

/** Maelstrom's error codes used here (maelstrom `doc/protocol.md`): all definite but `timeout`. */
const CODE = { timeout: 0, temporarilyUnavailable: 11, malformedRequest: 12, preconditionFailed: 22 } as const;

const CLIENT_OPS = new Set(['read', 'write', 'cas']);

/** The lin-kv node's props: the store's, and optionally membership changes the node makes itself while it serves. */
export interface RaftLinKvProps extends RaftKvProps {
  /**
   * Every `everyMs` the leader adds a node of the cluster outside its configuration or removes a voter
   * (never itself), one server at a time, growing to `maxVoters` and shrinking to `minVoters` and again
   * (thesis §4.1): membership change under Maelstrom's workload and nemesis, where no client asks for it.
   * Nodes outside the initial `voters` start as servers to be added.
   */
  readonly resize?: { readonly everyMs: number; readonly minVoters: number; readonly maxVoters: number };
}

/**
 * The Raft KV as a Maelstrom `lin-kv` node (Maelstrom's Raft chapter): the {@link RaftKv} actor,
 * whose peer messages travel as Maelstrom bodies, with the client protocol translated: integer
 * keys become strings, `read_ok`/`write_ok`/`cas_ok` replies, a cas that finds another value is
 * error 22, and a node that is not the leader forwards the request once to the leader it knows
 * (a forwarded request is never forwarded again: error 11, temporarily unavailable, which is
 * definite because nothing was done). A forward that times out answers error 0 (indefinite).
 */
export const RaftLinKvNode = defineActor<MessageBody, RaftLinKvProps>({
  kind: 'raft.lin-kv',
  setup(ctx, { resize, ...props }) {
    const joining = props.joining ?? (props.voters !== undefined && !props.voters.includes(ctx.self.node));
    const kv = RaftKv.setup(ctx, { ...props, joining });
    if (resize !== undefined) {
      let growing = true;
      const change = async () => {
        const status = (await kv.receive({ type: 'raft-status' }, { from: ctx.self, isAsk: true })) as RaftKvStatus;
        if (status.role !== 'leader') return;
        if (status.voters.length >= resize.maxVoters) growing = false;
        if (status.voters.length <= resize.minVoters) growing = true;
        const outside = ctx.clusterNodes.filter((n) => !status.voters.includes(n));
        const node = growing ? outside[0] : status.voters.find((v) => v !== ctx.self.node);
        if (node === undefined) return;
        try {
          await kv.receive({ type: growing ? 'raft-add-server' : 'raft-remove-server', node }, { from: ctx.self, isAsk: true });
        } catch {
          // Refused (a change in progress, not ready, no longer the leader) or not answered: tried again next round.
        }
      };
      const tick = (): void => { ctx.setTimer(resize.everyMs, () => { void change().finally(tick); }); };
      tick();
    }
    const answer = async (body: MessageBody): Promise<MessageBody> => {
      const op = body.type;
      const request = { ...body, key: String(body['key']) } as MessageBody;
      try {
        const result = (await kv.receive(request, { from: ctx.self, isAsk: true })) as { value?: Json };
        return op === 'read' ? { type: 'read_ok', value: result.value ?? null } : { type: `${op}_ok` };
      } catch (error) {
        if (!isRejection(error)) throw error;
        return refusal(error, body);
      }
    };
    const refusal = async (r: Rejection, body: MessageBody): Promise<MessageBody> => {
      const text = `${r.code}: ${r.message}`;
      if (r.code === 'cas-mismatch') return { type: 'error', code: CODE.preconditionFailed, text };
      if (r.code === 'bad-request') return { type: 'error', code: CODE.malformedRequest, text };
      const leader = r.code === 'not-leader' ? leaderHint(r.message) : undefined;
      if (leader === undefined || leader === ctx.self.node || body['forwarded'] === true) return { type: 'error', code: CODE.temporarilyUnavailable, text };
      const { msg_id: _id, ...rest } = body;
      const outcome = await ctx.ask<MessageBody>(address(leader, MAELSTROM_ACTOR), { ...rest, forwarded: true }, { timeoutMs: 1000 });
      switch (outcome.status) {
        case 'ok': return { ...outcome.value, in_reply_to: undefined };
        case 'failed': return { type: 'error', code: Number(outcome.code), text: outcome.message };
        default: return { type: 'error', code: CODE.timeout, text: `forwarded to ${leader}: ${outcome.message}` };
      }
    };
    return {
      receive(message, incoming) {
        if (CLIENT_OPS.has(message.type) && incoming.isAsk) return answer(message);
        return kv.receive(message, incoming);
      },
    };
  },
});

/** A `--program` for `faultline maelstrom test -w lin-kv`: one call per run (each node's storage lives as long as the program). */
export function raftLinKvProgram(props: RaftLinKvProps = {}): NodeProgram {
  return actorProgram(RaftLinKvNode, props);
}
