import { spawn, type ChildProcess } from 'node:child_process';
import type { NatsConnection } from '@nats-io/transport-node';
import { errorText, type ClockConfig, type FrameRejectReason, type NodeId } from '@faultline/core';
import type { FrameAuthOptions } from '@faultline/transport';
import { NodeDownError, WorkerStartError } from '../host/errors.ts';
import { NodeClock, type AppliedClockFault } from '../host/node-clock.ts';
import type { BootSpec, NodeControl } from '../host/protocol.ts';
import type { ControlledNode, ControlOp } from '../control/controlled-node.ts';
import { decodeResult, encodeRequest } from './control-wire.ts';
import { ControlAuthError, ControlChannel, freshNonce, sessionOf, verifyHelloProof } from './control-seal.ts';
import { unpackRange } from '@faultline/transport';
import type { NatsNodeHello, NatsNodeInit } from './protocol.ts';

const NODE_BIN = new URL('./node-bin.mjs', import.meta.url);

/** How the controller starts a node process: its argv (no secrets) and environment (the secrets). */
export interface LaunchSpec {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** What a member tells its cluster. */
export interface MemberHooks {
  /** The node died on its own (process exited, or reported a fatal failure). */
  died(node: NodeId, reason: string): void;
  /** A reply or report in this node's name was refused as unauthentic (dropped; the cluster counts it). */
  rejected(node: NodeId, what: 'reply' | 'report', reason: FrameRejectReason, detail: string, bytes: number): void;
}

/**
 * One node seen from the NATS controller: a child process per incarnation when the controller
 * launched it, or a process started elsewhere that it attached to; its boot actors and clock.
 */
export class NatsMember implements ControlledNode {
  readonly id: NodeId;
  readonly launched: boolean;
  readonly boot: BootSpec[] = [];
  readonly clockConfig: ClockConfig | undefined;
  readonly clockFaults: AppliedClockFault[] = [];
  readonly clock: NodeClock;
  incarnation = -1;
  up = false;
  private child: ChildProcess | undefined;
  private readonly nc: NatsConnection;
  private readonly subject: string;
  private readonly callTimeoutMs: number;
  private readonly hooks: MemberHooks;
  private readonly auth: FrameAuthOptions | undefined;
  private readonly cluster: string;
  /** The authenticated session with the node's current process (keyed clusters), from its last hello. */
  private channel: ControlChannel | undefined;

  constructor(o: {
    id: NodeId; launched: boolean; nc: NatsConnection; subject: string; callTimeoutMs: number; hooks: MemberHooks;
    clock: { config: ClockConfig | undefined; trueNow: () => number; seed: number };
    cluster: string; auth: FrameAuthOptions | undefined;
  }) {
    this.cluster = o.cluster;
    this.auth = o.auth;
    this.id = o.id;
    this.launched = o.launched;
    this.nc = o.nc;
    this.subject = o.subject;
    this.callTimeoutMs = o.callTimeoutMs;
    this.hooks = o.hooks;
    this.clockConfig = o.clock.config;
    this.clock = new NodeClock(o.clock.trueNow, o.clock.seed, o.id, o.clock.config);
  }

  /** The process id of the launched child (for tests that kill it from outside). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the node's process (launched nodes only); it then waits to be found by `awaitReady`. */
  launch(spec: LaunchSpec): void {
    const child = spawn(process.execPath, [NODE_BIN.pathname, ...spec.args], { env: spec.env, stdio: ['ignore', 'ignore', 'inherit'] });
    this.child = child;
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (!this.up) return;
      this.up = false;
      this.hooks.died(this.id, signal ? `process killed by ${signal}` : `process exited with code ${code}`);
    });
  }

  /** Pings the node until it answers (or the launched process exits, or time runs out). */
  async awaitReady(timeoutMs: number): Promise<NatsNodeHello> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    for (;;) {
      if (this.launched && this.child === undefined) throw new WorkerStartError(this.id, 'its process exited before it was ready');
      try {
        return await this.handshake();
      } catch (error) {
        last = errorText(error);
      }
      if (Date.now() > deadline) throw new WorkerStartError(this.id, `not reachable on NATS within ${timeoutMs} ms (${last}); start it with faultline node --node ${this.id}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Starts an incarnation on the (found) node process. */
  async init(init: NatsNodeInit): Promise<void> {
    this.incarnation = init.incarnation;
    await this.request<number>('init', [init], Math.max(this.callTimeoutMs, 30_000));
    this.up = true;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Calls one control operation over NATS request/reply (see `call`). */
  control<K extends ControlOp>(doing: string, op: K, args: Parameters<NodeControl[K]>): Promise<ReturnType<NodeControl[K]>> {
    return this.call(doing, op, args);
  }

  /** Calls the node's control plane; rejects with NodeDownError when it is down or does not answer. */
  async call<T>(doing: string, op: string, args: readonly unknown[] = []): Promise<T> {
    if (!this.up) throw new NodeDownError(this.id, doing);
    try {
      return await this.request<T>(op, args, this.callTimeoutMs);
    } catch (error) {
      if (error instanceof Error && /timeout|no responders|closed|disconnect/i.test(error.message)) throw new NodeDownError(this.id, `${doing} (${error.message})`);
      throw error;
    }
  }

  /** Ends the incarnation as a crash: SIGKILL for a launched process, a dropped incarnation for an attached one. */
  async kill(): Promise<void> {
    const wasUp = this.up;
    this.up = false;
    const child = this.child;
    if (child) {
      this.child = undefined;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    } else if (wasUp) {
      await this.request('crash', [], this.callTimeoutMs).catch(() => {});
    }
  }

  /** Stops actors gracefully (asks settle), then ends the process (launched) or the incarnation (attached). */
  async stop(graceMs: number): Promise<void> {
    if (this.up) await this.request('stop', [], Math.max(graceMs, 1)).catch(() => {});
    this.up = false;
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs + 2_000);
    await exited;
    clearTimeout(timer);
  }

  /**
   * Pings with a fresh challenge; on a keyed cluster the hello must prove the node holds the key,
   * and its nonce with the challenge becomes the session every later request is sealed in.
   */
  private async handshake(): Promise<NatsNodeHello> {
    const challenge = freshNonce();
    const reply = await this.nc.request(this.subject, encodeRequest({ op: 'ping', args: [challenge] }), { timeout: 1_000 });
    const hello = decodeResult<NatsNodeHello>(reply.data);
    if (this.auth === undefined) {
      this.channel = undefined;
      return hello;
    }
    if (!(hello.session instanceof Uint8Array) || !verifyHelloProof(this.auth.key, this.cluster, this.id, challenge, hello.session, hello.proof)) {
      throw new ControlAuthError('bad-mac', hello.hasKey
        ? `node ${this.id} answered without a valid proof of the cluster key (another key, or not the real node)`
        : `node ${this.id} holds no cluster key (start it with --key-file or $FAULTLINE_CLUSTER_KEY_FILE)`);
    }
    this.channel = new ControlChannel(this.auth, this.cluster, this.id, sessionOf(challenge, hello.session));
    return hello;
  }

  /** A report batch in this node's name, opened: the reports, or undefined when refused (and counted). */
  openReports(data: Uint8Array): unknown {
    let body = data;
    if (this.auth !== undefined) {
      const opened = this.channel?.openFromNode(data) ?? { ok: false as const, reason: 'bad-mac' as const, detail: 'no session with this node yet' };
      if (!opened.ok) {
        this.hooks.rejected(this.id, 'report', opened.reason, opened.detail, data.length);
        return undefined;
      }
      body = opened.body;
    }
    try {
      return unpackRange(body, 0, body.length, 'reports');
    } catch {
      return undefined;
    }
  }

  private async request<T>(op: string, args: readonly unknown[], timeout: number): Promise<T> {
    const body = encodeRequest({ op, args });
    const channel = this.channel;
    const reply = await this.nc.request(this.subject, channel === undefined ? body : channel.sealRequest(body), { timeout });
    if (channel === undefined) return decodeResult<T>(reply.data);
    const opened = channel.openFromNode(reply.data);
    if (opened.ok) return decodeResult<T>(opened.body);
    // A node that could not open our request answers with a plain error: believed as a failure only, never as a value.
    if (opened.reason === 'missing-mac') {
      let plain: unknown;
      try {
        plain = unpackRange(reply.data, 0, reply.data.length, 'control reply');
      } catch {
        plain = undefined;
      }
      const p = plain as { ok?: unknown; error?: { code?: unknown } } | undefined;
      if (p?.ok === false && p.error?.code === 'unauthenticated') return decodeResult<T>(reply.data);
    }
    this.hooks.rejected(this.id, 'reply', opened.reason, opened.detail, reply.data.length);
    throw new ControlAuthError(opened.reason, `the reply to '${op}' from node ${this.id}: ${opened.detail}`);
  }
}
