import { spawn, type ChildProcess } from 'node:child_process';
import type { NatsConnection } from '@nats-io/transport-node';
import { errorText, type ClockConfig, type NodeId } from '@faultline/core';
import { NodeDownError, WorkerStartError } from '../workers/errors.ts';
import { NodeClock, type AppliedClockFault } from '../workers/node-clock.ts';
import type { BootSpec } from '../workers/protocol.ts';
import { decodeResult, encodeRequest } from './control-wire.ts';
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
}

/**
 * One node seen from the NATS controller: a child process per incarnation when the controller
 * launched it, or a process started elsewhere that it attached to; its boot actors and clock.
 */
export class NatsMember {
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

  constructor(o: {
    id: NodeId; launched: boolean; nc: NatsConnection; subject: string; callTimeoutMs: number; hooks: MemberHooks;
    clock: { config: ClockConfig | undefined; trueNow: () => number; seed: number };
  }) {
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
        return await this.request<NatsNodeHello>('ping', [], 1_000);
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

  private async request<T>(op: string, args: readonly unknown[], timeout: number): Promise<T> {
    const reply = await this.nc.request(this.subject, encodeRequest({ op, args }), { timeout });
    return decodeResult<T>(reply.data);
  }
}
