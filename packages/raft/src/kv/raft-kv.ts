import { ALREADY_DURABLE, address, deadlineTimer, defineActor, Rejection, type NodeId } from '@faultline/core';
import { raftConfig, type RaftConfigInput } from '../core/config.ts';
import { configOf, learnersOf, type MembershipChange } from '../core/membership.ts';
import type { Entry } from '../core/messages.ts';
import { persistReady, restoreRaft } from '../core/persistence.ts';
import { RaftNode, type RaftInput, type RaftStatus } from '../core/raft-node.ts';
import type { Ready } from '../core/ready.ts';
import { parseRaftMessage } from '../core/validate.ts';
import { asKvCommand } from './kv-command.ts';
import { KvMachine, type KvResult } from './kv-machine.ts';
import { KvRequestError, leaderHint, parseKvRequest, type KvCommand, type KvRequest, type KvValue } from './kv-protocol.ts';

/** How reads are served: as log entries, by ReadIndex, or by a leader lease (thesis §6.4). */
export type ReadMode = 'log' | 'read-index' | 'lease';

/** How a Raft KV node is started (plain data, so it works on workers too). */
export interface RaftKvProps {
  readonly config?: RaftConfigInput;
  /** The initial voters; every node of the cluster by default. Configuration entries in the log (`raft-add-server`, `raft-remove-server`) override it. */
  readonly voters?: readonly string[];
  /** A server being added (thesis §4.1): starts outside `voters` with an empty log, catches up once a leader adds it. Default false. */
  readonly joining?: boolean;
  /** Default 'read-index'. */
  readonly reads?: ReadMode;
  /** Client requests waiting at once; more are refused as `overloaded`. Default 1000. */
  readonly maxPending?: number;
  /**
   * A node that is not the leader passes a client's request once to the leader it knows and relays
   * the answer (a passed request is never passed on again). A relay that times out is never answered,
   * so the client's own timeout says `unknown`, as it must. Default false: refuse with `not-leader`.
   */
  readonly forwardToLeader?: boolean;
  /**
   * Log compaction (Raft §7): once this many applied entries follow the last snapshot, the store
   * snapshots its state and the log is cut behind it; followers too far behind get the snapshot.
   * Default: never.
   */
  readonly snapshotEvery?: number;
  /** For checkers: snapshots also carry the request ids of the writes they hold, so `raft-committed` still lists them. Default false. */
  readonly snapshotKeepsIds?: boolean;
  /** DELIBERATELY BROKEN: a leader answers reads from its own state at once, without confirming it still leads (Jepsen's etcd and Consul stale reads). */
  readonly unsafeLeaderLocalReads?: boolean;
}

/** A node's status with what the experiments count. */
export interface RaftKvStatus extends RaftStatus {
  readonly elections: number;
  /** This node's clock when it last became leader. */
  readonly electedAt: number | undefined;
  readonly invariantViolations: readonly string[];
  /** Snapshots taken from a leader (InstallSnapshot) by this incarnation. */
  readonly snapshotsInstalled: number;
  /** Configuration changes this incarnation took (appended, truncated or installed). */
  readonly configChanges: number;
}

/** Committed entries as a checker reads them: (index, term, client request id). */
export interface CommittedEntry {
  readonly index: number;
  readonly term: number;
  readonly id: string | null;
}

/** One change of a node's role, term or commit index, on its own clock (the report's Raft chart). */
export interface RaftTimelinePoint {
  readonly at: number;
  readonly role: string;
  readonly term: number;
  readonly commitIndex: number;
}

/** Points kept per node (oldest dropped first); commit-index changes closer than this many ms to the last point update it instead. */
const TIMELINE_POINTS = 4000;
const TIMELINE_MERGE_MS = 10;

type Waiter = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Message = (KvRequest & { forwarded?: boolean }) | { type: 'raft-status' } | { type: 'raft-committed' } | { type: 'raft-timeline' } | { type: 'raft-transfer'; to: string }
  | { type: 'raft-add-server'; node: string } | { type: 'raft-remove-server'; node: string }
  | { type: 'raft-add-learner'; node: string } | { type: 'raft-promote'; node: string } | { type: string };

/** Requests to the store (not peer messages) whose type starts with `raft-`. */
const CONTROL = new Set(['raft-status', 'raft-committed', 'raft-timeline', 'raft-transfer', 'raft-add-server', 'raft-remove-server', 'raft-add-learner', 'raft-promote']);

/** Longest node name a membership request may carry. */
const MAX_NODE_NAME = 256;

/**
 * A linearizable key-value store with read, write and compare-and-set on Raft: a thin actor around
 * the pure {@link RaftNode}. It arms one timer for the node's next deadline, persists each Ready and
 * syncs before sending its messages (an acknowledgement never precedes the durable write), applies
 * committed entries to a {@link KvMachine}, and answers clients. A follower refuses with
 * `not-leader` and a leader hint; a proposal whose index was taken by another entry fails
 * definitely (`superseded`); one still waiting when its leader loses power is answered if it commits.
 */
export const RaftKv = defineActor<Message, RaftKvProps>({
  kind: 'raft.kv',
  setup(ctx, props) {
    const config = raftConfig(props.config);
    const voters = (props.voters ?? ctx.clusterNodes) as readonly NodeId[];
    const readMode = props.reads ?? 'read-index';
    const maxPending = props.maxPending ?? 1000;
    let lastNow = -Infinity;
    const now = () => (lastNow = Math.max(lastNow, ctx.now()));
    const restored = restoreRaft(ctx.storage);
    const stored = { last: restored.entries.length };
    const node = new RaftNode({ self: ctx.self.node, voters, joining: props.joining === true, config, rng: ctx.rng.derive('raft'), now: now(), restored });
    const kv = new KvMachine();
    /** Write ids the snapshot holds (only with `snapshotKeepsIds`). */
    let compactedIds: string[] = [];
    const loadSnapshot = (data: unknown): void => {
      const d = data as { kv?: unknown; ids?: unknown } | null;
      if (d === null || typeof d !== 'object' || !kv.restore(d.kv)) {
        violations.push(`snapshot data of the wrong shape; state not loaded`);
        return;
      }
      compactedIds = Array.isArray(d.ids) ? d.ids.filter((i): i is string => typeof i === 'string') : [];
    };
    let applied = restored.snapshot?.index ?? 0;
    let snapshotsInstalled = 0;
    let nextId = 0;
    let elections = 0;
    let configChanges = 0;
    let electedAt: number | undefined;
    const violations: string[] = [];
    const byId = new Map<string, Waiter & { key?: string }>();
    const byIndex = new Map<number, Waiter & { term: number }>();
    const readsReady: { id: string; index: number }[] = [];
    if (restored.snapshot !== undefined) loadSnapshot(restored.snapshot.data);
    const snapshotEvery = props.snapshotEvery ?? Infinity;
    const idOf = (command: unknown): string | null => {
      const c = asKvCommand(command);
      return c === undefined || c.op === 'read' ? null : c.id ?? null;
    };

    const refuse = (w: Waiter, reason: string, leader: string | undefined, detail?: string) =>
      w.reject(new Rejection(reason, reason === 'not-leader'
        ? `${ctx.self.node} is not the leader; leader hint: ${leader ?? 'unknown'}`
        : reason === 'overloaded' ? `${ctx.self.node} has too many requests waiting; retry later`
        : `${detail ?? reason}`));

    const apply = (entry: Entry) => {
      applied = entry.index;
      const command = asKvCommand(entry.command);
      const result: KvResult | undefined = command === undefined ? undefined : kv.apply(command);
      const w = byIndex.get(entry.index);
      if (w === undefined) return;
      byIndex.delete(entry.index);
      const voters = configOf(entry.command);
      const learners = voters === undefined ? [] : learnersOf(entry.command);
      if (w.term !== entry.term) w.reject(new Rejection('superseded', `another leader's entry took index ${entry.index}; the request was not applied`));
      else if (voters !== undefined) w.resolve(learners.length > 0 ? { voters, learners } : { voters });
      else if (result === undefined || result.ok) w.resolve(result?.value ?? null);
      else w.reject(new Rejection('cas-mismatch', `cas found ${JSON.stringify(result.current)}`));
    };

    const timeline: RaftTimelinePoint[] = [];
    const noteTimeline = (roleChanged: boolean) => {
      const st = node.status();
      const last = timeline.at(-1);
      if (last !== undefined && last.role === st.role && last.term === st.term && last.commitIndex === st.commitIndex) return;
      const point = { at: now(), role: st.role, term: st.term, commitIndex: st.commitIndex };
      if (!roleChanged && last !== undefined && last.role === st.role && last.term === st.term && point.at - last.at < TIMELINE_MERGE_MS && timeline.length > 1) timeline[timeline.length - 1] = { ...last, commitIndex: st.commitIndex };
      else timeline.push(point);
      if (timeline.length > TIMELINE_POINTS) timeline.shift();
    };
    noteTimeline(true); // how the node starts: a follower of the term it restored

    // What a Ready persists is synced before its messages go and its results are announced: at once
    // when the storage is durable on return, else once the sync resolves, every Ready in order.
    let behind: Promise<void> | undefined;
    const carryOut = (ready: Ready) => {
      const synced = persistReady(ctx.storage, ready, stored);
      if (behind === undefined && (synced === undefined || synced === ALREADY_DURABLE)) return announce(ready);
      const mine: Promise<void> = (behind ?? Promise.resolve()).then(() => synced).then(() => {
        if (behind === mine) behind = undefined;
        announce(ready);
      });
      behind = mine;
    };

    const announce = (ready: Ready) => {
      // A snapshot from the leader is loaded once it is persisted, before this Ready's messages go.
      if (ready.snapshot?.install) {
        snapshotsInstalled++;
        loadSnapshot(ready.snapshot.data);
        applied = ready.snapshot.index;
        // Requests placed at indices the snapshot covers: whether they took effect is unknown here, so no answer (the client's timeout says unknown).
        for (const i of [...byIndex.keys()]) if (i <= applied) byIndex.delete(i);
      }
      for (const m of ready.messages) ctx.send({ node: m.to, name: ctx.self.name }, m.message);
      for (const a of ready.accepted) {
        const w = byId.get(a.id);
        if (w === undefined) continue;
        byId.delete(a.id);
        byIndex.set(a.index, { ...w, term: a.term });
      }
      for (const r of ready.refused) {
        const w = byId.get(r.id);
        if (w === undefined) continue;
        byId.delete(r.id);
        refuse(w, r.reason, r.leader, r.detail);
      }
      for (const e of ready.events) {
        if (e.type === 'role' && e.role === 'leader') { elections++; electedAt = e.at; }
        if (e.type === 'config') configChanges++;
        if (e.type === 'invariant') violations.push(e.what);
        if (e.type === 'invariant') applied = Math.min(applied, node.status().commitIndex);
      }
      noteTimeline(ready.events.some((e) => e.type === 'role'));
      for (const e of ready.committed) apply(e);
      const st = node.status();
      if (applied - st.snapIndex >= snapshotEvery) {
        if (props.snapshotKeepsIds) compactedIds = [...compactedIds, ...node.committedEntries().filter((e) => e.index <= applied).flatMap((e) => idOf(e.command) ?? [])];
        const data = { kv: kv.snapshot(), ...(props.snapshotKeepsIds ? { ids: compactedIds } : {}) };
        carryOut(node.step({ type: 'compact', index: applied, data }, now()));
      }
      readsReady.push(...ready.readsReady);
      for (let i = 0; i < readsReady.length; ) {
        const r = readsReady[i]!;
        if (r.index > applied) { i++; continue; }
        readsReady.splice(i, 1);
        const w = byId.get(r.id);
        if (w === undefined) continue;
        byId.delete(r.id);
        w.resolve(kv.get(w.key ?? ''));
      }
    };

    // One timer for the machine's earliest deadline; a tick when it is due.
    const arm = (): void => armAt(node.nextDeadline());
    const armAt = deadlineTimer(ctx, now, () => step({ type: 'tick' }));
    const step = (input: RaftInput) => {
      carryOut(node.step(input, now()));
      arm();
    };
    arm();

    const submit = (input: RaftInput & { id: string }, key?: string): Promise<unknown> => {
      if (byId.size + byIndex.size >= maxPending) throw new Rejection('overloaded', `${ctx.self.node} has ${maxPending} requests waiting; retry later`);
      const promise = new Promise<unknown>((resolve, reject) => byId.set(input.id, { resolve, reject, ...(key === undefined ? {} : { key }) }));
      step(input);
      return promise;
    };

    const client = (request: KvRequest): unknown => {
      const id = `${ctx.self.node}:${++nextId}`;
      if (request.type === 'read') {
        if (props.unsafeLeaderLocalReads && node.status().role === 'leader') return { value: kv.get(request.key) };
        if (readMode !== 'log') return submit({ type: 'read', id, lease: readMode === 'lease' }, request.key).then((value) => ({ value }));
      }
      const command: KvCommand = request.type === 'read' ? { op: 'read', key: request.key }
        : request.type === 'write' ? { op: 'write', key: request.key, value: request.value, id: request.id ?? null }
        : { op: 'cas', key: request.key, from: request.from, to: request.to, id: request.id ?? null };
      return submit({ type: 'propose', id, command }).then((value) => (request.type === 'read' ? { value: value as KvValue } : { ok: true }));
    };

    /** Relays a request this follower refused to the leader it names; anything else is rethrown. */
    const forward = async (error: unknown, request: KvRequest): Promise<unknown> => {
      const leader = error instanceof Rejection && error.code === 'not-leader' ? leaderHint(error.message) : undefined;
      if (leader === undefined || leader === ctx.self.node) throw error;
      const outcome = await ctx.ask(address(leader, ctx.self.name), { ...request, forwarded: true }, { timeoutMs: 1000 });
      if (outcome.status === 'ok') return outcome.value;
      if (outcome.status === 'failed') throw new Rejection(outcome.code, outcome.message);
      return new Promise<never>(() => {}); // may have been done: no answer, the client's timeout says unknown
    };

    return {
      receive(message, incoming) {
        if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
          throw new Rejection('bad-request', 'raft kv messages are objects with a string `type`');
        }
        if (message.type.startsWith('raft-') && !CONTROL.has(message.type)) {
          let parsed;
          try {
            parsed = parseRaftMessage(message);
          } catch (e) {
            ctx.log.warn(`dropped a message from ${incoming.from.node}: ${(e as Error).message}`);
            return undefined;
          }
          step({ type: 'message', from: incoming.from.node, message: parsed });
          return undefined;
        }
        switch (message.type) {
          case 'raft-status':
            return { ...node.status(), elections, electedAt, invariantViolations: violations, snapshotsInstalled, configChanges } satisfies RaftKvStatus;
          case 'raft-add-server':
          case 'raft-remove-server':
          case 'raft-add-learner':
          case 'raft-promote': {
            // Membership change, one server at a time (thesis §4.1): answered { voters } once the entry commits;
            // refused with not-leader (and a hint), not-ready (no entry of the leader's term committed yet),
            // change-in-progress (one is uncommitted) or bad-change (already a voter, not a voter, the last one).
            const target = (message as { node?: unknown }).node;
            if (typeof target !== 'string' || target.length === 0 || target.length > MAX_NODE_NAME) throw new Rejection('bad-request', `${message.type}.node must be a node name of at most ${MAX_NODE_NAME} characters`);
            // A learner (thesis §4.2.1) receives the log without a vote; promote it once caught up (refused not-ready before).
            const kind: MembershipChange['kind'] = message.type === 'raft-add-server' ? 'add' : message.type === 'raft-remove-server' ? 'remove' : message.type === 'raft-add-learner' ? 'add-learner' : 'promote';
            return submit({ type: 'change', id: `${ctx.self.node}:${++nextId}`, change: { kind, node: target as NodeId } });
          }
          case 'raft-transfer': {
            // Leadership transfer (thesis §3.10): answered at once; watch `raft-status` for the new leader.
            const to = (message as { to?: unknown }).to;
            const voters = node.status().voters;
            if (typeof to !== 'string' || !voters.includes(to as NodeId)) throw new Rejection('bad-request', `raft-transfer.to must be one of the voters ${voters.join(', ')}`);
            if (node.status().role !== 'leader') throw new Rejection('not-leader', `${ctx.self.node} is not the leader; leader hint: ${node.status().leader ?? 'unknown'}`);
            step({ type: 'transfer', to: to as NodeId });
            return { transferring: to };
          }
          case 'raft-timeline':
            return [...timeline];
          case 'raft-committed':
            return [
              ...compactedIds.map((id): CommittedEntry => ({ index: 0, term: 0, id })),
              ...node.committedEntries().map((e): CommittedEntry => ({ index: e.index, term: e.term, id: idOf(e.command) })),
            ];
          default: {
            let request: KvRequest;
            try {
              request = parseKvRequest(message as Record<string, unknown>);
            } catch (e) {
              if (e instanceof KvRequestError) throw new Rejection('bad-request', e.message);
              throw e;
            }
            const answer = client(request);
            if (!props.forwardToLeader || (message as { forwarded?: unknown }).forwarded === true) return answer;
            return Promise.resolve(answer).catch((e: unknown) => forward(e, request));
          }
        }
      },
    };
  },
});
