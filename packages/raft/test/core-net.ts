import { createRng, MemoryStorage, type NodeId } from '@faultline/core';
import { raftConfig, type RaftConfigInput } from '../src/core/config.ts';
import type { Entry, RaftMessage } from '../src/core/messages.ts';
import { persistReady, restoreRaft } from '../src/core/persistence.ts';
import { RaftNode, type RaftInput } from '../src/core/raft-node.ts';
import type { RaftEvent, Ready } from '../src/core/ready.ts';

/** One node of the test network: its state machine, its storage (kept across crashes) and what it applied. */
interface TestNode {
  raft: RaftNode;
  readonly storage: MemoryStorage;
  readonly stored: { last: number };
  up: boolean;
  applied: Entry[];
  accepted: Map<string, { index: number; term: number }>;
  reads: Map<string, number>;
  refused: Map<string, string>;
}

/**
 * A hand-driven network of pure RaftNodes for unit tests (etcd-io/raft's `raft_test.go` network):
 * messages wait in one queue until `deliver`, links can be cut, nodes crash and restart from
 * their storage. Every committed entry is checked against what any node committed at that index.
 */
export class CoreNet {
  now = 0;
  readonly nodes = new Map<NodeId, TestNode>();
  readonly queue: { from: NodeId; to: NodeId; message: RaftMessage }[] = [];
  readonly cut = new Set<string>();
  readonly events: (RaftEvent & { node: NodeId })[] = [];
  /** index → the entry first committed there; a different one later is a safety violation. */
  readonly committed = new Map<number, Entry>();
  readonly violations: string[] = [];
  private readonly ids: NodeId[];
  private readonly configInput: RaftConfigInput;
  private readonly seed: number;
  private incarnation = 0;

  /** The first `voters` nodes are the initial configuration; the others start as servers being added (joining). */
  private readonly voterIds: NodeId[];

  constructor(count: number, config: RaftConfigInput = {}, seed = 1, voters = count) {
    this.ids = Array.from({ length: count }, (_, i) => `n${i + 1}` as NodeId);
    this.voterIds = this.ids.slice(0, voters);
    this.configInput = config;
    this.seed = seed;
    for (const id of this.ids) {
      const storage = new MemoryStorage();
      this.nodes.set(id, { raft: this.make(id, storage), storage, stored: { last: 0 }, up: true, applied: [], accepted: new Map(), reads: new Map(), refused: new Map() });
    }
  }

  private make(id: NodeId, storage: MemoryStorage): RaftNode {
    return new RaftNode({ self: id, voters: this.voterIds, joining: !this.voterIds.includes(id), config: raftConfig(this.configInput), rng: createRng(this.seed).derive(`${id}#${this.incarnation++}`), now: this.now, restored: restoreRaft(storage) });
  }

  node(id: string): TestNode {
    const n = this.nodes.get(id as NodeId);
    if (n === undefined) throw new Error(`no node ${id}`);
    return n;
  }

  step(id: string, input: RaftInput): Ready {
    const n = this.node(id);
    const ready = n.raft.step(input, this.now);
    persistReady(n.storage, ready, n.stored);
    for (const m of ready.messages) this.queue.push({ from: id as NodeId, to: m.to, message: m.message });
    for (const a of ready.accepted) n.accepted.set(a.id, { index: a.index, term: a.term });
    for (const r of ready.readsReady) n.reads.set(r.id, r.index);
    for (const r of ready.refused) n.refused.set(r.id, `${r.reason}:${r.leader ?? ''}`);
    for (const e of ready.events) this.events.push({ ...e, node: id as NodeId });
    for (const e of ready.committed) {
      n.applied.push(e);
      const first = this.committed.get(e.index);
      if (first === undefined) this.committed.set(e.index, e);
      else if (first.term !== e.term) this.violations.push(`${id} committed (${e.index}, term ${e.term}) where (${e.index}, term ${first.term}) was committed`);
    }
    return ready;
  }

  /** Delivers queued messages (and what they cause) until none are left; cut links and down nodes drop them. */
  deliver(limit = 100_000): void {
    for (let i = 0; i < limit && this.queue.length > 0; i++) {
      const m = this.queue.shift()!;
      if (this.cut.has(`${m.from}->${m.to}`) || !this.node(m.to).up) continue;
      this.step(m.to, { type: 'message', from: m.from, message: m.message });
    }
  }

  /** Delivers one message at a time until `done()` holds. */
  deliverUntil(done: () => boolean): void {
    while (!done() && this.queue.length > 0) this.deliver(1);
  }

  /** Fires `id`'s next deadline now (an election timeout for a follower) and delivers the consequences. */
  fire(id: string): void {
    const n = this.node(id);
    this.now = Math.max(this.now, n.raft.nextDeadline());
    this.step(id, { type: 'tick' });
    this.deliver();
  }

  /** Runs `ms` of time: every up node ticks at its deadlines, messages are delivered at once. */
  run(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [string, number] | undefined;
      for (const [id, n] of this.nodes) {
        const d = n.raft.nextDeadline();
        if (n.up && (next === undefined || d < next[1])) next = [id, d];
      }
      if (next === undefined || next[1] > end) break;
      this.now = Math.max(this.now, next[1]);
      this.step(next[0], { type: 'tick' });
      this.deliver();
    }
    this.now = end;
  }

  isolate(id: string): void {
    for (const other of this.ids) if (other !== id) { this.cut.add(`${id}->${other}`); this.cut.add(`${other}->${id}`); }
  }

  heal(): void {
    this.cut.clear();
  }

  crash(id: string): void {
    this.node(id).up = false;
  }

  restart(id: string): void {
    const n = this.node(id);
    n.raft = this.make(id as NodeId, n.storage);
    n.up = true;
    n.applied = [];
  }

  leaders(): string[] {
    return [...this.nodes].filter(([, n]) => n.up && n.raft.status().role === 'leader').map(([id]) => id);
  }
}
