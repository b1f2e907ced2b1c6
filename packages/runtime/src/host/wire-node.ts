import {
  createRng, errorText, NodeHost,
  type DurableStorage, type LogRecord, type NodeEvent, type NodeId, type StampingConfig,
} from '@faultline/core';
import { FrameAuth, type FrameAuthOptions, type LinkLayer } from '@faultline/transport';
import { DRIVER_NODE } from '../cluster.ts';
import { clearLongTimeout, setLongTimeout, type LongTimer } from './long-timer.ts';
import { Mesh } from './link/mesh.ts';
import type { NodeClock } from './node-clock.ts';

/** What a node on real threads needs: identity, seed, clocks, network model and where to report. */
export interface WireNodeOptions {
  readonly node: NodeId;
  readonly clusterNodes: readonly NodeId[];
  readonly incarnation: number;
  readonly seed: number;
  /** Logical clocks to stamp on envelopes (Lamport and HLC always). */
  readonly stamping: StampingConfig | undefined;
  /** Stable storage that outlives the node's incarnations (absent: it lasts one incarnation). */
  readonly storage?: DurableStorage;
  /** True cluster time (for the network model). */
  readonly trueNow: () => number;
  /** The node's own clock (what actors read). */
  readonly clock: NodeClock;
  readonly link: LinkLayer | undefined;
  /** Envelopes the node's mailbox holds, and deliveries it holds while paused, before dropping newer ones. */
  readonly mailboxCapacity?: number;
  /** Frame auth (a keyed MAC on every batch between nodes); off when absent. Members: the cluster's nodes and the driver. */
  readonly auth?: FrameAuthOptions | undefined;
  /** Where this node's seals are valid: the cluster's name and the run's nonce (the incarnation is this node's). */
  readonly authScope?: { readonly cluster: string; readonly run: Uint8Array } | undefined;
  readonly emit: (event: NodeEvent) => void;
  readonly log: (record: LogRecord) => void;
  readonly fatal: (error: unknown) => void;
}

/** A NodeHost wired to a mesh: the same in a worker and for the driver in the main thread. */
export interface WireNode {
  readonly host: NodeHost;
  readonly mesh: Mesh;
}

/** Builds a node over real time and MessagePorts; its rng derives exactly as a simulated node's. */
export function createWireNode(o: WireNodeOptions): WireNode {
  let host: NodeHost | undefined;
  const mesh = new Mesh({
    self: o.node,
    link: o.link,
    now: o.trueNow,
    deliver: (envelope) => host?.deliver(envelope),
    malformed: (error, bytes) => {
      o.emit({ type: 'malformed-frame', node: o.node, error: error.message, bytes });
      o.log({ level: 'warn', source: o.node, time: o.clock.read(), message: `dropped a malformed frame: ${errorText(error)}` });
    },
    ...(o.mailboxCapacity === undefined ? {} : { mailboxCapacity: o.mailboxCapacity }),
    overflow: (dropped, capacity) => o.emit({ type: 'mailbox-overflow', node: o.node, queue: 'mailbox', capacity, dropped }),
    peers: o.clusterNodes.length,
    sendOverflow: (to, dropped, capacity) => o.emit({ type: 'mailbox-overflow', node: o.node, queue: 'send', to, capacity, dropped }),
    unencodable: (entry) => {
      o.emit({ type: 'dead-letter', from: entry.from, to: entry.to, reason: `unencodable at batch encoding: ${entry.error.message}` });
    },
    ...(o.auth ? { auth: new FrameAuth(o.auth, [...o.clusterNodes, DRIVER_NODE], { cluster: o.authScope?.cluster ?? '', run: o.authScope?.run ?? new Uint8Array(0), incarnation: o.incarnation }) } : {}),
    lost: (loss) => o.emit({ type: 'messages-lost', node: o.node, link: `${loss.from}->${loss.to}`, ...loss }),
    rejected: (reason, from, detail, bytes) => {
      o.link?.countRejected?.(from ?? '?', o.node, reason);
      o.emit({ type: 'frame-rejected', node: o.node, reason, from, detail, bytes });
      o.log({ level: 'warn', source: o.node, time: o.clock.read(), message: `rejected an unauthentic frame (${reason}): ${detail}` });
    },
  });
  host = new NodeHost({
    node: o.node,
    clusterNodes: o.clusterNodes,
    incarnation: o.incarnation,
    ...(o.stamping ? { stamping: o.stamping } : {}),
    ...(o.storage ? { storage: o.storage } : {}),
    rng: createRng(o.seed).derive(`node:${o.node}#${o.incarnation}`),
    now: () => o.clock.read(),
    setTimer: (delayMs, fn) => setLongTimeout(fn, delayMs),
    clearTimer: (timer) => clearLongTimeout(timer as LongTimer),
    transmit: (envelope) => mesh.transmit(envelope),
    ...(o.mailboxCapacity === undefined ? {} : { maxHeld: o.mailboxCapacity }),
    backlog: () => ({ queued: mesh.mailbox.size, dropped: mesh.mailbox.dropped }),
    droppedWhilePaused: (envelope) => mesh.droppedAfterDelivery(envelope.from.node, 'paused-hold-full'),
    emit: o.emit,
    log: o.log,
    asyncWorkPending: () => {},
    fatal: o.fatal,
  });
  return { host, mesh };
}
