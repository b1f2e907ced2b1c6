import { address, defineActor, Indeterminate, Rejection, type Address, type NodeId } from '@faultline/core';
import type { ReadReply, RegisterRequest, WriteReply } from '../protocol.ts';
import { majority, quorumCall } from '../quorum/quorum-call.ts';
import type { AbdPeerMessage, AbdState } from './abd-messages.ts';
import { compareTags, ZERO_TAG, type Tag } from './tag.ts';
import { hasQuorumLocally, type QuorumGate } from './quorum-gate.ts';

/** Settings of the CP register. */
export interface CpRegisterProps {
  /** Replica nodes; every node of the cluster by default. */
  readonly replicas?: readonly string[];
  /** Give up on a phase after this long: a read fails, a write ends unknown. */
  readonly phaseTimeoutMs?: number;
  /** Re-send to silent replicas this often. */
  readonly retryMs?: number;
  /** Ask the local membership actor before starting, to fail fast on a minority side. */
  readonly quorumGate?: QuorumGate;
  /** DELIBERATELY BROKEN: skip the read's write-back phase. Exists to prove the checker catches it. */
  readonly unsafeSkipReadWriteBack?: boolean;
}

type Message = RegisterRequest | AbdPeerMessage;

/**
 * A linearizable register per key: multi-writer ABD (Attiya, Bar-Noy, Dolev 1995; Lynch &
 * Shvartsman 1997). A write reads the highest tag from a majority, then stores (tag+1, self) at a
 * majority; a read gets the highest (tag, value) from a majority and writes it back to a majority
 * before answering, so no later read can see an older value. Without a majority it never answers
 * wrongly: a read fails (definite), a write whose second phase fell short ends unknown.
 */
export const CpRegister = defineActor<Message, CpRegisterProps>({
  kind: 'registers.cp',
  setup(ctx, props) {
    // Replicas keep their (tag, value) pairs on stable storage: ABD's quorum intersection only
    // holds if a replica that acknowledged a write still has it after a crash and restart.
    const store = new Map<string, AbdState>(ctx.storage.keys('key:').map((k) => [k.slice(4), ctx.storage.get<AbdState>(k) as AbdState]));
    const replicas: Address[] = (props.replicas ?? ctx.clusterNodes).map((n) => address(n as NodeId, ctx.self.name));
    const need = majority(replicas.length);
    const timing = { need, deadlineMs: props.phaseTimeoutMs ?? 300, retryMs: props.retryMs ?? 50 };

    // A durable per-replica write counter makes every write's tag unique, across restarts too.
    const nextWriteId = (): string => {
      const seq = (ctx.storage.get<number>('#writes') ?? 0) + 1;
      ctx.storage.set('#writes', seq);
      return `${ctx.self.node}.${seq}`;
    };
    const local = (key: string): AbdState => store.get(key) ?? { tag: ZERO_TAG, value: null };
    const highest = (states: readonly AbdState[]): AbdState =>
      states.reduce((best, s) => (compareTags(s.tag, best.tag) > 0 ? s : best), { tag: ZERO_TAG, value: null });

    async function gate(): Promise<void> {
      if (props.quorumGate && !(await hasQuorumLocally(ctx, props.quorumGate))) {
        throw new Rejection('no-quorum', `${ctx.self.node} is on a side without a quorum of ${replicas.length} replicas`);
      }
    }

    async function read(key: string): Promise<ReadReply> {
      await gate();
      const phase1 = await quorumCall<AbdState>(ctx, replicas, { type: 'abd-get', key }, timing);
      if (phase1.status === 'short') throw new Rejection('no-quorum', `read of ${key}: ${phase1.reason}`);
      const latest = highest(phase1.replies);
      const settled = phase1.replies.every((s) => compareTags(s.tag, latest.tag) === 0);
      if (!settled && !props.unsafeSkipReadWriteBack) {
        const phase2 = await quorumCall(ctx, replicas, { type: 'abd-set', key, tag: latest.tag, value: latest.value }, timing);
        // A read that fell short had no effect a client could rely on: failing it is always safe.
        if (phase2.status === 'short') throw new Rejection('no-quorum', `read of ${key} (write-back): ${phase2.reason}`);
      }
      return { value: latest.value };
    }

    async function write(key: string, value: RegisterRequest & { type: 'write' }): Promise<WriteReply> {
      await gate();
      const phase1 = await quorumCall<AbdState>(ctx, replicas, { type: 'abd-get', key }, timing);
      if (phase1.status === 'short') throw new Rejection('no-quorum', `write of ${key}: ${phase1.reason}`);
      const tag: Tag = { n: highest(phase1.replies).tag.n + 1, writer: nextWriteId() };
      const phase2 = await quorumCall(ctx, replicas, { type: 'abd-set', key, tag, value: value.value }, timing);
      // Some replicas may hold the new value: a later read may or may not return it.
      if (phase2.status === 'short') throw new Indeterminate(`write of ${key}: ${phase2.reason}; it may still take effect`);
      return { written: true };
    }

    return {
      receive(message: Message) {
        switch (message.type) {
          case 'abd-get':
            return local(message.key);
          case 'abd-set': {
            if (compareTags(message.tag, local(message.key).tag) > 0) {
              const state: AbdState = { tag: message.tag, value: message.value };
              ctx.storage.set(`key:${message.key}`, state);
              store.set(message.key, state);
            }
            return { ok: true };
          }
          case 'read':
            return read(message.key);
          case 'write':
            return write(message.key, message);
          default: {
            const never: never = message;
            throw new Rejection('bad-request', `unknown request ${JSON.stringify(never)}`);
          }
        }
      },
    };
  },
});
