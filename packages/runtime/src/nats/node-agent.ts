import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { ConfigError, createRng, errorText, NotFoundError } from '@faultline/core';
import type { LinkLayer } from '@faultline/transport';
import { DRIVER_NODE } from '../cluster.ts';
import { ActorRegistry } from '../host/actor-registry.ts';
import { markNodeProcess, unmarkNodeProcess } from '../host/node-thread.ts';
import { errorData } from '../host/errors.ts';
import { damageEvent, FileStorage } from '../host/storage/file-storage.ts';
import { applyNetworkUpdate, loadLinkLayer, networkRng } from '../host/network-loader.ts';
import { clusterTime, NodeClock } from '../host/node-clock.ts';
import { NodeControlService } from '../host/node-control.ts';
import { createWireNode, type WireNode } from '../host/wire-node.ts';
import { decodeRequest, encodeResult } from './control-wire.ts';
import { ControlAuthError, type ControlChannel } from './control-seal.ts';
import { checkNodeInit } from './init-check.ts';
import { ModuleAllowList } from './module-allow-list.ts';
import { NodeControlSessions } from './node-sessions.ts';
import { connectNats, type NatsConnectConfig } from './nats-connect.ts';
import { NatsLinks } from './nats-links.ts';
import type { NatsNodeHello, NatsNodeInit } from './protocol.ts';
import { ReportPublisher } from './report-publisher.ts';
import { clusterSubjects, requireToken, type ClusterSubjects } from './subjects.ts';

/** What a node process needs: where NATS is, which cluster and node it is, its actors, its disk and key. */
export interface NatsNodeOptions {
  readonly nats: NatsConnectConfig;
  readonly cluster: string;
  readonly node: string;
  /** File URLs of the modules exporting actor definitions (as a worker loads them). */
  readonly modules: readonly string[];
  /** The node's stable storage file: it outlives the node's incarnations. */
  readonly storageFile: string;
  /** The cluster key, read by the caller from a file or the environment: control requests, reports and frames are then all sealed. */
  readonly authKey?: Uint8Array;
  /** Run without a key (`--insecure`): anyone who can publish on the server controls this node; said on every run. */
  readonly insecure?: boolean;
  /** More network-model modules (file URLs) an `init` may name, besides `modules` and faultline's own. */
  readonly networkModules?: readonly string[];
  /** Where the node says what it does (the insecure warning); silent when absent. */
  readonly say?: (line: string) => void;
}

/** One running incarnation: the node (host + mesh) and its links' subscriptions (data and credit). */
interface Incarnation {
  readonly number: number;
  readonly node: WireNode;
  readonly control: NodeControlService;
  readonly data: NatsLinks;
  readonly storage: FileStorage;
}

/**
 * A node as an OS process over NATS. It connects, loads its actor modules and answers control
 * requests on its subject; `init` from a controller starts an incarnation, built exactly as a worker
 * node (`createWireNode`: NodeHost, Mesh with batching, the network model's sender-side mirror, frame
 * auth), with its mesh links published on the peers' data subjects. `crash` drops the incarnation.
 */
export class NatsNodeAgent {
  readonly node: string;
  private readonly nc: NatsConnection;
  private readonly subjects: ClusterSubjects;
  private readonly registry: ActorRegistry;
  private readonly options: NatsNodeOptions;
  private readonly reports: ReportPublisher;
  private readonly allowed: ModuleAllowList;
  private readonly sessions: NodeControlSessions | undefined;
  private rejectedControl = 0;
  private current: Incarnation | undefined;
  private lifecycle: Promise<unknown> = Promise.resolve();

  private constructor(nc: NatsConnection, registry: ActorRegistry, options: NatsNodeOptions) {
    this.nc = nc;
    this.node = options.node;
    this.registry = registry;
    this.options = options;
    this.subjects = clusterSubjects(options.cluster);
    this.allowed = new ModuleAllowList([...options.modules, ...(options.networkModules ?? [])]);
    const key = options.authKey;
    this.sessions = key === undefined ? undefined : new NodeControlSessions({ key }, options.cluster, options.node);
    const sessions = this.sessions;
    this.reports = new ReportPublisher(nc, this.subjects.report(options.node), sessions === undefined ? undefined : (bytes) => sessions.current?.sealFromNode(bytes));
    nc.subscribe(this.subjects.control(options.node), { callback: (error, msg) => void (error ? undefined : this.onControl(msg)) });
  }

  /** Connects, loads the modules and starts answering the controller; throws ConfigError naming a bad option. */
  static async start(options: NatsNodeOptions): Promise<NatsNodeAgent> {
    requireToken('node', options.node);
    if (options.node === DRIVER_NODE) throw new ConfigError('node', options.node, "must not be 'driver' (the controller's own node)");
    if (options.authKey === undefined && options.insecure !== true) {
      throw new ConfigError('cluster key', undefined, 'must be given to a node (--key-file FILE, $FAULTLINE_CLUSTER_KEY_FILE or $FAULTLINE_CLUSTER_KEY): without it any client of the NATS server controls the node; pass --insecure to run so anyway');
    }
    markNodeProcess(options.node); // a module that starts a cluster at top level is refused, not run in every node
    const registry = await ActorRegistry.load(options.modules);
    const nc = await connectNats(options.nats, `faultline ${options.cluster}/${options.node}`, options.cluster);
    const agent = new NatsNodeAgent(nc, registry, options);
    await nc.flush();
    return agent;
  }

  /** Resolves when the NATS connection is closed for good. */
  closed(): Promise<void> {
    return this.nc.closed().then(() => undefined);
  }

  /** The NATS connection's status events (disconnect, reconnect, …), for logging. */
  status(): AsyncIterable<{ type: string }> {
    return this.nc.status();
  }

  /** Drops any incarnation and closes the connection. */
  async close(): Promise<void> {
    this.drop();
    unmarkNodeProcess(this.node);
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private async onControl(msg: Msg): Promise<void> {
    let channel: ControlChannel | undefined;
    let reply: Uint8Array;
    try {
      const request = this.openRequest(msg.data);
      channel = request.channel;
      const value = await this.serial(() => this.perform(request.op, request.args));
      reply = encodeResult({ ok: true, value });
    } catch (error) {
      reply = encodeResult({ ok: false, error: errorData(error) });
    }
    msg.respond(channel === undefined ? reply : channel.sealFromNode(reply));
  }

  /**
   * A keyed node takes a plain `ping` (it answers with its proof of the key) and sealed requests in
   * a session it offered; everything else is refused with ControlAuthError, counted and reported.
   */
  private openRequest(bytes: Uint8Array): { op: string; args: readonly unknown[]; channel: ControlChannel | undefined } {
    if (this.sessions === undefined) return { ...decodeRequest(bytes), channel: undefined };
    const opened = this.sessions.open(bytes);
    if (opened.ok) return { ...decodeRequest(opened.body), channel: opened.channel };
    if (opened.reason === 'missing-mac') {
      const plain = decodeRequest(bytes);
      if (plain.op === 'ping') return { ...plain, channel: undefined };
    }
    this.rejectedControl++;
    this.reports.push({ t: 'event', event: { type: 'frame-rejected', node: this.node as never, reason: opened.reason, from: undefined, detail: `control request: ${opened.detail}`, bytes: bytes.length } });
    throw new ControlAuthError(opened.reason, opened.detail);
  }

  private async perform(op: string, args: readonly unknown[]): Promise<unknown> {
    switch (op) {
      case 'ping': return this.hello(args[0]);
      case 'init': return this.init(checkNodeInit(args[0], this.node, this.allowed));
      case 'crash': return this.drop();
      case 'stop': {
        this.current?.control.shutdown();
        return this.drop();
      }
      default: return this.controlCall(op, args);
    }
  }

  /** The calls a worker's control plane takes, on the running incarnation. */
  private controlCall(op: string, args: readonly unknown[]): unknown {
    const control = this.current?.control;
    if (!control) throw new NotFoundError(`node ${this.node} runs no incarnation; the controller must init it first`);
    switch (op) {
      case 'spawn': return control.spawn(args[0] as string, args[1] as string, args[2]);
      case 'pause': return control.pause();
      case 'resume': return control.resume();
      case 'snapshot': return control.snapshot();
      case 'wireStats': return control.wireStats();
      case 'messageStats': return control.messageStats();
      case 'networkCounters': return control.networkCounters();
      case 'configureNetwork': return control.configureNetwork(args[0]);
      case 'clockFault': return control.clockFault(args[0] as never, args[1] as number);
      case 'diskFault': return control.diskFault(args[0] as never, args[1] as number);
      case 'storageStats': return control.storageStats();
      default: throw new ConfigError('control op', op, 'is not an operation a NATS node knows');
    }
  }

  private hello(challenge: unknown): NatsNodeHello {
    const base = {
      node: this.node, pid: process.pid, incarnation: this.current?.number ?? -1, kinds: this.registry.kinds,
      hasKey: this.options.authKey !== undefined, insecure: this.sessions === undefined, rejectedControl: this.rejectedControl,
    };
    if (this.sessions === undefined || !(challenge instanceof Uint8Array) || challenge.length !== 16) return base;
    const { nonce, proof } = this.sessions.hello(challenge);
    return { ...base, session: nonce, proof };
  }

  /** Starts incarnation `init.incarnation` (dropping a running one), built as a worker node is. */
  private async init(init: NatsNodeInit): Promise<number> {
    this.drop();
    if (init.auth !== undefined && this.options.authKey === undefined) {
      throw new ConfigError('cluster key', undefined, `must be available to node ${this.node} (set $FAULTLINE_CLUSTER_KEY_FILE or $FAULTLINE_CLUSTER_KEY, or pass --key-file): the cluster uses frame auth`);
    }
    if (init.auth === undefined && this.options.authKey !== undefined) {
      throw new ConfigError('init.auth', undefined, `must be set: node ${this.node} holds a cluster key, and frame auth is not something a control message turns off`);
    }
    if (this.sessions === undefined) {
      this.options.say?.(`faultline node ${this.node}: INSECURE run (incarnation ${init.incarnation}): no cluster key, so any client of the NATS server can control this node and forge its frames`);
    }
    const self = this.node;
    const trueNow = clusterTime(init.originEpochMs);
    const clock = new NodeClock(trueNow, init.seed, self, init.clock, init.clockFaults);
    let link: LinkLayer | undefined;
    if (init.network) {
      link = await loadLinkLayer(init.network, networkRng(createRng(init.seed), self, init.incarnation));
      for (const update of init.networkUpdates) applyNetworkUpdate(link, update);
    }
    const storage = new FileStorage(this.options.storageFile);
    const node: WireNode = createWireNode({
      node: self as never,
      clusterNodes: init.clusterNodes as never,
      incarnation: init.incarnation,
      seed: init.seed,
      stamping: init.stamping,
      storage,
      trueNow,
      clock,
      link,
      auth: init.auth === undefined ? undefined : { key: this.options.authKey as Uint8Array, ...init.auth },
      authScope: { cluster: this.options.cluster, run: init.authRun ?? new Uint8Array(0) },
      emit: (event) => this.reports.push({ t: 'event', event }),
      log: (record) => this.reports.push({ t: 'log', record }),
      fatal: (error) => {
        // An escalated failure reached the top: freeze, tell the controller, and drop the incarnation.
        this.reports.push({ t: 'fatal', error: errorText(error) });
        this.reports.flush();
        this.drop();
      },
    });
    const data = new NatsLinks(this.nc, this.subjects, self, init.incarnation, node.mesh, [...init.clusterNodes, DRIVER_NODE]);
    const control = new NodeControlService(node, this.registry, link, clock, storage);
    this.current = { number: init.incarnation, node, control, data, storage };
    if (storage.damage) this.reports.push({ t: 'event', event: damageEvent(self as never, storage.damage) });
    for (const actor of init.boot) node.host.spawn(actor.name, this.registry.get(actor.kind), actor.props);
    await this.nc.flush(); // the server knows the data subscription before the controller hears "ready"
    return init.incarnation;
  }

  /** Ends the running incarnation at once, as a crash: memory gone, no actor sees it coming. */
  private drop(): null {
    const run = this.current;
    if (!run) return null;
    this.current = undefined;
    run.node.host.pause();
    run.node.mesh.close();
    run.data.close();
    run.storage.close();
    return null;
  }

  private serial<T>(op: () => Promise<T> | T): Promise<T> {
    const next = this.lifecycle.then(op, op);
    this.lifecycle = next.catch(() => {});
    return next;
  }
}
