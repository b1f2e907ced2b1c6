import type { Cluster } from '@faultline/runtime';

/** Where progress goes: a terminal stream (stderr). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Whether to show progress: only on a terminal, so piped and redirected output stays exactly
 * what the run printed. `FAULTLINE_PROGRESS=0` turns it off, `=1` forces it on.
 */
export function progressEnabled(env: NodeJS.ProcessEnv, stream: ProgressStream): boolean {
  const forced = env['FAULTLINE_PROGRESS'];
  if (forced === '0') return false;
  if (forced === '1') return true;
  return stream.isTTY === true;
}

/** What a progress line shows. */
export interface ProgressState {
  readonly nodesStarted: number;
  readonly nodes: number;
  /** The cluster's true time (virtual in the simulator), ms; undefined before it exists. */
  readonly trueMs: number | undefined;
  readonly realMs: number;
  readonly operations: number;
}

/** One progress line, e.g. `faultline: 25/25 nodes started · true time 12.3 s · real 41 s · 1234 operations done`. */
export function renderProgress(s: ProgressState): string {
  const parts = [`${s.nodesStarted}/${s.nodes} nodes started`];
  if (s.trueMs !== undefined) parts.push(`true time ${(s.trueMs / 1000).toFixed(1)} s`);
  parts.push(`real ${(s.realMs / 1000).toFixed(0)} s`, `${s.operations} operations done`);
  return `faultline: ${parts.join(' · ')}`;
}

/**
 * A progress line on a terminal, rewritten in place every `intervalMs` of real time and erased
 * at the end. It reads the cluster only (now, and the asks counted by {@link countAsks}), so it
 * never changes what a run does.
 */
export class Progress {
  private readonly stream: ProgressStream;
  private readonly realNow: () => number;
  private readonly started: number;
  private timer: NodeJS.Timeout | undefined;
  private cluster: Cluster | undefined;
  private nodesStarted = 0;
  private nodes: number;
  private operations = 0;
  private shown = false;

  constructor(stream: ProgressStream, nodes: number, realNow: () => number = () => performance.now(), intervalMs = 1000) {
    this.stream = stream;
    this.nodes = nodes;
    this.realNow = realNow;
    this.started = realNow();
    this.timer = setInterval(() => this.draw(), intervalMs);
    this.timer.unref();
  }

  /** A node is ready. */
  nodeStarted(ready: number, total: number): void {
    this.nodesStarted = ready;
    this.nodes = total;
  }

  /** The cluster is up: from now on show its time, and count its completed asks as operations. */
  watch(cluster: Cluster): Cluster {
    this.cluster = cluster;
    this.nodesStarted = cluster.nodes.length;
    return countAsks(cluster, () => this.operations++);
  }

  /** The current state, as the next line will show it. */
  state(): ProgressState {
    return {
      nodesStarted: this.nodesStarted, nodes: this.nodes, trueMs: this.cluster?.now(),
      realMs: this.realNow() - this.started, operations: this.operations,
    };
  }

  /** Stops and erases the line. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    this.stream.write(`\r\x1b[2K${renderProgress(this.state())}`);
    this.shown = true;
  }
}

/** The same cluster, but `onDone` is called as each ask from the driver completes. */
export function countAsks(cluster: Cluster, onDone: () => void): Cluster {
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'ask') {
        return (...args: Parameters<Cluster['ask']>) => target.ask(...args).then((outcome) => {
          onDone();
          return outcome;
        });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
