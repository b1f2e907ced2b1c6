import type { Rng } from '@faultline/core';
import type { MaelstromNet } from '../net/maelstrom-net.ts';
import type { Scheduler } from '../net/scheduler.ts';
import type { HostedNode } from '../nodes/hosted-node.ts';
import { InProcessNode } from '../nodes/in-process-node.ts';
import { ProcessNode } from '../nodes/process-node.ts';
import { describeViolation, type ProtocolViolation } from '../protocol/validate.ts';
import type { AdminClient } from './admin.ts';
import { describeExit, NodeStartError } from './node-start-error.ts';
import type { RunFiles } from './run-files.ts';
import { BoundedLog, PROTOCOL_LOG_CAP_BYTES, STDERR_CAP_BYTES } from './bounded-log.ts';
import type { NodeSource } from './test-options.ts';
import type { NodeCrash } from './verdict.ts';

/** What the nodes reported during a run: protocol errors and warnings, exits on their own. */
export interface NodeDiagnostics {
  /** The first 100 protocol violations, and how many in all. */
  readonly violations: ProtocolViolation[];
  violationCount: number;
  readonly warnings: Record<string, number>;
  readonly unexpectedExits: string[];
  readonly crashes: NodeCrash[];
}

/**
 * The cluster's nodes (processes or in-process programs) registered on the network, with what
 * they report collected in `diagnostics`. `awaitInit` sends `init` and fails fast: a node that
 * exits, answers something else or stays silent for Maelstrom's 10 s stops the run with a
 * {@link NodeStartError} naming it and showing its stderr.
 */
export class HostedNodes {
  readonly nodes = new Map<string, HostedNode>();
  readonly diagnostics: NodeDiagnostics = { violations: [], violationCount: 0, warnings: {}, unexpectedExits: [], crashes: [] };
  private onStartExit: ((crash: NodeCrash) => void) | undefined;

  /** protocol-errors.log, bounded (what is past the cap is counted, not written). */
  readonly protocolLog: BoundedLog;
  private readonly inProcessLogs = new Map<string, BoundedLog>();
  private readonly files: RunFiles;

  /** `logStderr` (Maelstrom's `--log-stderr`) gets every line a node writes on stderr, as it comes. */
  constructor(source: NodeSource, nodeIds: readonly string[], net: MaelstromNet, scheduler: Scheduler, rng: Rng, files: RunFiles, log: (line: string) => void, logStderr?: (node: string, text: string) => void) {
    this.files = files;
    this.protocolLog = new BoundedLog(files.path('protocol-errors.log'), PROTOCOL_LOG_CAP_BYTES);
    const inProcessLog = (n: string): BoundedLog => {
      let l = this.inProcessLogs.get(n);
      if (!l) this.inProcessLogs.set(n, (l = new BoundedLog(files.path(`${n}.stderr.log`), STDERR_CAP_BYTES)));
      return l;
    };
    const d = this.diagnostics;
    for (const id of nodeIds) {
      const node: HostedNode = source.kind === 'process'
        ? new ProcessNode(id, source.command, net, files.path(`${id}.stderr.log`) ?? '/dev/null', {
          violation: (v) => {
            d.violationCount++;
            if (d.violations.length < 100) d.violations.push(v);
            this.protocolLog.write(`${describeViolation(v)}\n`);
            if (d.violationCount <= 5) log(`protocol error: ${describeViolation(v)}`);
          },
          warning: (n, w) => {
            d.warnings[w] = (d.warnings[w] ?? 0) + 1;
            if (d.warnings[w] === 1) log(`protocol warning: ${n} sent a message with ${w}; delivered anyway, as Maelstrom does`);
          },
          ...(logStderr ? { stderr: logStderr } : {}),
          exited: (n, code, signal) => {
            const crash: NodeCrash = { node: n, exit: describeExit(code, signal), atMs: scheduler.now(), stderrTail: (this.nodes.get(n) as ProcessNode).stderrTail.lines() };
            d.unexpectedExits.push(n);
            d.crashes.push(crash);
            // During start-up the NodeStartError says it all; later the run goes on without the node.
            if (this.onStartExit) this.onStartExit(crash);
            else log(`node ${n} exited on its own ${crash.exit}; messages to it are dropped, and the run cannot be valid`);
          },
        })
        : new InProcessNode(id, source.program, scheduler, net, rng.derive(`node:${id}`), (n, text) => {
          inProcessLog(n).write(`${text}\n`);
          logStderr?.(n, text);
        });
      this.nodes.set(id, node);
      net.register(id, node);
    }
  }

  /** Flushes and closes protocol-errors.log and the in-process nodes' stderr files. */
  async closeLogs(): Promise<void> {
    await this.protocolLog.close();
    for (const l of this.inProcessLogs.values()) await l.close();
  }

  /** Bytes the in-process nodes' stderr files dropped past their cap. */
  inProcessDroppedBytes(): number {
    return [...this.inProcessLogs.values()].reduce((sum, l) => sum + l.droppedBytes, 0);
  }

  /** Starts every node and waits for each `init_ok`; throws NodeStartError at the first node that cannot start. */
  async startAll(admin: AdminClient, nodeIds: readonly string[], initTimeoutMs: number): Promise<void> {
    for (const n of this.nodes.values()) n.start();
    const exited = new Promise<NodeCrash>((resolve) => { this.onStartExit = resolve; });
    try {
      const outcome = await Promise.race([
        Promise.all(nodeIds.map((n) => admin.init(n, nodeIds, initTimeoutMs))).then((replies) => ({ replies })),
        exited.then((crash) => ({ crash })),
      ]);
      if ('crash' in outcome) throw this.startError(outcome.crash.node, `it exited ${outcome.crash.exit} before answering init`);
      for (const [i, reply] of outcome.replies.entries()) {
        const node = nodeIds[i]!;
        if (reply === undefined) throw this.startError(node, `it did not answer init within ${initTimeoutMs / 1000} s (Maelstrom's limit, db.clj)`);
        if (reply.body.type !== 'init_ok') throw this.startError(node, `it answered init with ${JSON.stringify(reply.body).slice(0, 200)} instead of init_ok`);
      }
    } finally {
      this.onStartExit = undefined;
    }
  }

  private startError(node: string, reason: string): NodeStartError {
    const host = this.nodes.get(node);
    const tail = host instanceof ProcessNode ? host.stderrTail.lines() : [];
    return new NodeStartError(node, reason, tail.slice(-10), this.files.path(`${node}.stderr.log`));
  }
}
