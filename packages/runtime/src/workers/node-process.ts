import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { wrap, type Remote } from 'comlink';
import { errorText, type ClockConfig, type NodeId } from '@faultline/core';
import { nodeEndpoint } from './endpoint.ts';
import { NodeDownError, NodeUnresponsiveError, WorkerStartError } from '../host/errors.ts';
import type { BootSpec, NodeControl, WorkerInit, WorkerReport } from '../host/protocol.ts';
import { NodeClock, type AppliedClockFault } from '../host/node-clock.ts';
import type { WorkerLaunch } from './worker-launch.ts';
import { ClusterInNodeError, isClusterInNode } from '../host/node-thread.ts';
import type { ControlledNode, ControlOp } from '../control/controlled-node.ts';

/** The parts of a worker's init the cluster supplies; the process adds its own identity and state. */
export type SharedInit = Omit<WorkerInit, 'entry' | 'sourceCondition' | 'faultlineNode' | 'node' | 'incarnation' | 'clock' | 'clockFaults' | 'boot' | 'reports' | 'storageFile'>;

/** What a node process tells its cluster. */
export interface NodeProcessHooks {
  /** An event or log line from the node. */
  report(node: NodeId, report: WorkerReport): void;
  /** The node died on its own (uncaught error, process.exit, escalated failure). */
  died(node: NodeId, reason: string): void;
}

interface Run {
  readonly worker: Worker;
  readonly control: Remote<NodeControl>;
  readonly reports: MessagePort;
  state: 'starting' | 'up' | 'exited';
  /** Set when the controller ended this run on purpose: its exit is not a death. */
  retired: boolean;
  reason: string | undefined;
  /** Set when the worker refused to start a cluster inside itself: rethrown as is, typed. */
  refused: ClusterInNodeError | undefined;
  readonly onExit: Set<() => void>;
  /** Set while the heartbeat finds the node silent: how long it had been silent. */
  silentForMs: number | undefined;
  readonly onSilent: Set<(silentForMs: number) => void>;
}

/** One node seen from the controller: a worker thread per incarnation, its boot actors and clock. */
export class NodeProcess implements ControlledNode {
  readonly id: NodeId;
  readonly boot: BootSpec[] = [];
  /** The node's clock config and faults: they outlive its worker, as a machine's clock outlives a process. */
  readonly clockConfig: ClockConfig | undefined;
  readonly clockFaults: AppliedClockFault[] = [];
  /** A replica of the node's clock, readable while the node is down (for `clockOf`). */
  readonly clock: NodeClock;
  incarnation = -1;
  private run: Run | undefined;
  private readonly hooks: NodeProcessHooks;

  /** The node's disk: a log file that outlives its workers. */
  readonly storageFile: string;

  constructor(id: NodeId, hooks: NodeProcessHooks, clock: { config: ClockConfig | undefined; trueNow: () => number; seed: number }, storageFile: string) {
    this.id = id;
    this.storageFile = storageFile;
    this.hooks = hooks;
    this.clockConfig = clock.config;
    this.clock = new NodeClock(clock.trueNow, clock.seed, id, clock.config);
  }

  get isUp(): boolean {
    return this.run?.state === 'up';
  }

  /** Starts a fresh incarnation; resolves when the worker reports ready, rejects with WorkerStartError. */
  start(shared: SharedInit, launch: WorkerLaunch, timeoutMs: number): Promise<void> {
    const { port1: mine, port2: theirs } = new MessageChannel();
    const init: WorkerInit = {
      ...shared,
      entry: launch.entry,
      sourceCondition: launch.sourceCondition,
      faultlineNode: true,
      node: this.id,
      incarnation: ++this.incarnation,
      clock: this.clockConfig,
      clockFaults: [...this.clockFaults],
      boot: [...this.boot],
      storageFile: this.storageFile,
      reports: theirs,
    };
    const worker = new Worker(launch.file, {
      workerData: init, transferList: [theirs, ...Object.values(shared.peers)], name: `faultline ${this.id}`,
    });
    const control = wrap<NodeControl>(nodeEndpoint(worker));
    const run: Run = { worker, control, reports: mine, state: 'starting', retired: false, reason: undefined, refused: undefined, onExit: new Set(), silentForMs: undefined, onSilent: new Set() };
    this.run = run;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        run.reason = `not ready within startTimeoutMs = ${timeoutMs} ms (raise WorkerClusterConfig.startTimeoutMs on a busy machine)`;
        void worker.terminate();
      }, timeoutMs);
      mine.on('message', (batch: WorkerReport[]) => {
        if (run.retired) return;
        for (const report of batch) {
          if (report.t === 'ready') {
            clearTimeout(timer);
            run.state = 'up';
            resolve();
          } else if (report.t === 'fatal') {
            run.reason = `fatal: ${report.error}`;
            void worker.terminate();
          } else {
            this.hooks.report(this.id, report);
          }
        }
      });
      worker.on('error', (error) => {
        if (isClusterInNode(error)) run.refused ??= new ClusterInNodeError(error.what, this.id);
        run.reason ??= `uncaught ${errorText(error)}`;
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        const wasStarting = run.state === 'starting';
        run.state = 'exited';
        const reason = run.reason ?? `exited with code ${code}`;
        for (const listener of run.onExit) listener();
        if (wasStarting) reject(run.refused ?? new WorkerStartError(this.id, reason));
        else if (!run.retired) this.hooks.died(this.id, reason);
        if (this.run === run) this.run = undefined;
        // `mine` is not closed here: reports the worker posted before it died may still be queued on it;
        // it closes by itself now that its other end is gone.
      });
    });
  }

  /** Calls one control operation over comlink (see `call`). */
  control<K extends ControlOp>(doing: string, op: K, args: Parameters<NodeControl[K]>): Promise<ReturnType<NodeControl[K]>> {
    return this.call(doing, (c) => (c[op] as unknown as (...a: unknown[]) => Promise<ReturnType<NodeControl[K]>>)(...args));
  }

  /** Calls the node's control plane; rejects with NodeDownError if the node is down or dies meanwhile. */
  call<T>(doing: string, fn: (control: Remote<NodeControl>) => Promise<T>): Promise<T> {
    const run = this.run;
    if (run?.state !== 'up') return Promise.reject(new NodeDownError(this.id, doing));
    if (run.silentForMs !== undefined) return Promise.reject(new NodeUnresponsiveError(this.id, doing, run.silentForMs));
    return new Promise<T>((resolve, reject) => {
      const onExit = () => reject(new NodeDownError(this.id, doing));
      const onSilent = (silentForMs: number) => reject(new NodeUnresponsiveError(this.id, doing, silentForMs));
      run.onExit.add(onExit);
      run.onSilent.add(onSilent);
      fn(run.control).then(resolve, reject).finally(() => {
        run.onExit.delete(onExit);
        run.onSilent.delete(onSilent);
      });
    });
  }

  /** Pings the control plane (for the heartbeat); rejects if the node is down. */
  ping(): Promise<unknown> {
    const run = this.run;
    if (run?.state !== 'up') return Promise.reject(new NodeDownError(this.id, 'ping'));
    return run.control.ping();
  }

  /** Marks the node silent; waiting control calls fail. Returns true the first time (until it answers again). */
  markUnresponsive(silentForMs: number): boolean {
    const run = this.run;
    if (run === undefined || run.silentForMs !== undefined) return false;
    run.silentForMs = silentForMs;
    for (const listener of run.onSilent) listener(silentForMs);
    return true;
  }

  /** The node answered its heartbeat. */
  markResponsive(): void {
    if (this.run) this.run.silentForMs = undefined;
  }

  /** Ends the current incarnation at once, as a crash: no actor sees it coming. */
  async kill(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.retired = true;
    this.run = undefined;
    await run.worker.terminate();
  }

  /** Ends the current incarnation gracefully: actors stop and asks settle, then the thread ends. */
  async stop(graceMs: number): Promise<void> {
    if (this.isUp) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
      await Promise.race([this.call('shut down', (c) => c.shutdown()).catch(() => {}), grace]);
      clearTimeout(timer);
    }
    await this.kill();
  }
}
