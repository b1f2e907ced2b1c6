import { spawn, type ChildProcess } from 'node:child_process';
import type { MaelstromNet } from '../net/maelstrom-net.ts';
import type { MaelstromMessage } from '../protocol/message.ts';
import { MAX_LINE_BYTES, validateLine, type ProtocolViolation, type ProtocolWarning } from '../protocol/validate.ts';
import { BoundedLog, STDERR_CAP_BYTES } from '../run/bounded-log.ts';
import { LineSplitter } from './line-splitter.ts';
import { OutputTail } from './output-tail.ts';
import { killGroupAndWait, signalGroup, trackGroup, untrackGroup } from './process-groups.ts';
import type { HostedNode } from './hosted-node.ts';
import { stringifyJsonExact } from '../protocol/exact-json.ts';

/** How long an exited program's stderr may still drain before its exit is reported, ms. */
const EXIT_DRAIN_MS = 250;

/** Bytes that may wait in a node's stdin pipe; beyond this, messages to it are dropped and counted. */
export const STDIN_BUFFER_LIMIT = 8 * 1024 * 1024;

/** How to start the external program of every node. */
export interface ProgramCommand {
  readonly bin: string;
  readonly args: readonly string[];
}

/** What a process node reports to the run. */
export interface ProcessNodeEvents {
  violation(v: ProtocolViolation): void;
  /** A message delivered although Maelstrom's protocol doc would not write it so. */
  warning(node: string, w: ProtocolWarning): void;
  /** A chunk the program wrote on stderr (for `--log-stderr`); it is in the node's stderr file either way. */
  stderr?(node: string, chunk: string): void;
  /** The process ended without the harness asking (a crash of the program itself), or could not be started. */
  exited(node: string, code: number | null, signal: string | null): void;
}

/**
 * A node whose program is an external process: every stdout line is validated and sent through
 * the fault layer; deliveries are written to stdin as one JSON line each; stderr is appended to
 * `<run>/<node>.stderr.log` up to {@link STDERR_CAP_BYTES} (the rest is counted). Each process
 * leads its own process group, and every signal goes to the group: kill is SIGKILL and a fresh
 * process, pause is SIGSTOP/SIGCONT, and a `--bin` wrapper's children end with it.
 */
export class ProcessNode implements HostedNode {
  running = false;
  /** Messages dropped because the program did not read its stdin fast enough. */
  overflow = 0;
  private child: ChildProcess | undefined;
  private lineNo = 0;
  /** The node's stderr file, capped; its counters say how much was dropped. */
  readonly stderr: BoundedLog;
  private expectedExit = new WeakSet<ChildProcess>();
  private reported = new WeakSet<ChildProcess>();
  /** The last lines the program wrote to stderr (every incarnation), for crash and start-up reports. */
  readonly stderrTail = new OutputTail();

  readonly id: string;
  private readonly command: ProgramCommand;
  private readonly net: MaelstromNet;
  private readonly events: ProcessNodeEvents;

  constructor(id: string, command: ProgramCommand, net: MaelstromNet, stderrPath: string | undefined, events: ProcessNodeEvents) {
    this.id = id;
    this.command = command;
    this.net = net;
    this.events = events;
    this.stderr = new BoundedLog(stderrPath, STDERR_CAP_BYTES, true);
  }

  start(): void {
    // detached: the child leads a new process group, so signals reach whatever it started too.
    const child = spawn(this.command.bin, [...this.command.args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    trackGroup(child);
    this.running = true;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr.write(chunk);
      this.stderrTail.push(chunk.toString('utf8'));
      this.events.stderr?.(this.id, chunk.toString('utf8'));
    });
    child.stdin?.on('error', () => { /* the process died; its exit is reported below */ });
    const report = (code: number | null, signal: string | null) => {
      if (this.expectedExit.has(child) || this.reported.has(child)) return;
      this.reported.add(child);
      this.events.exited(this.id, code, signal);
    };
    child.on('error', (error) => {
      if (this.child === child) this.running = false;
      // The file was checked before the run, so ENOENT here means its `#!` interpreter is missing.
      const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (if the file exists, the interpreter on its #! line does not)' : '';
      const text = `[faultline] could not start ${this.command.bin}: ${error.message}${hint}\n`;
      this.stderr.write(text);
      this.stderrTail.push(text);
      report(null, `spawn error: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.running = false;
      // Children the program left behind go with it (they would hold its pipes open).
      signalGroup(child, 'SIGKILL');
      untrackGroup(child);
      if (this.expectedExit.has(child)) return;
      // Let the last stderr lines arrive (they explain the crash), but not forever: a child of the
      // program may hold the pipe open.
      const timer = setTimeout(() => report(code, signal), EXIT_DRAIN_MS);
      child.once('close', () => { clearTimeout(timer); report(code, signal); });
    });
    const lines = new LineSplitter(
      (line) => this.onLine(line, child),
      (start) => {
        if (this.child !== child) return;
        this.lineNo++;
        this.events.violation({ node: this.id, line: this.lineNo, reason: `line is longer than ${MAX_LINE_BYTES} characters (skipped to its end)`, text: start });
      },
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => lines.push(chunk));
  }

  private onLine(line: string, child: ChildProcess): void {
    if (this.child !== child || line.trim() === '') return;
    this.lineNo++;
    const verdict = validateLine(this.id, this.lineNo, line, (id) => this.net.isKnown(id));
    if (verdict.ok) {
      for (const w of verdict.warnings) this.events.warning(this.id, w);
      this.net.send(verdict.message);
    }
    else this.events.violation(verdict.violation);
  }

  deliver(message: MaelstromMessage): void {
    const stdin = this.child?.stdin;
    if (!this.running || !stdin || stdin.destroyed) return;
    if (stdin.writableLength > STDIN_BUFFER_LIMIT) {
      this.overflow++;
      return;
    }
    stdin.write(`${stringifyJsonExact(message)}\n`);
  }

  crash(): void {
    const child = this.child;
    if (!child) return;
    this.expectedExit.add(child);
    this.running = false;
    signalGroup(child, 'SIGKILL');
  }

  pause(): void {
    if (this.child) signalGroup(this.child, 'SIGSTOP');
  }

  resume(): void {
    if (this.child) signalGroup(this.child, 'SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    // An exit on its own that is still draining its stderr is reported now, before the run ends.
    if (child && (child.exitCode !== null || child.signalCode !== null) && !this.expectedExit.has(child) && !this.reported.has(child)) {
      this.reported.add(child);
      this.events.exited(this.id, child.exitCode, child.signalCode);
    }
    if (child && child.exitCode === null && child.signalCode === null) {
      this.expectedExit.add(child);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signalGroup(child, 'SIGCONT');
      signalGroup(child, 'SIGKILL');
      await exited;
    }
    if (child) {
      await killGroupAndWait(child);
      untrackGroup(child);
    }
    this.running = false;
    await this.stderr.close();
  }
}
