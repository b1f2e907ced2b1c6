import { EventEmitter } from 'eventemitter3';
import { ConfigError, createRng, errorText, requireInteger, type NodeId } from '@faultline/core';
import type { RuleHandle } from '../faults/fault-network.ts';
import type { FaultTarget } from './fault-target.ts';
import type { NemesisStep } from './actions.ts';
import { describeOp, type NemesisOp, type PlannedStep } from './ops.ts';
import { planSchedule } from './plan.ts';
import { generateSchedule, type GeneratorOptions } from './generator.ts';

/** How a nemesis gets its schedule: written out, or drawn by the generator. Give exactly one. */
export interface NemesisOptions {
  /** Seed of every choice the nemesis makes; the same seed and target give the same schedule. */
  readonly seed: number;
  readonly schedule?: readonly NemesisStep[];
  readonly generate?: GeneratorOptions;
  /** When the run ends (or is stopped), undo every fault still in effect. Default true. */
  readonly finalHeal?: boolean;
}

/** One line of what a nemesis did. */
export interface NemesisLogEntry {
  /** Schedule time (ms after the run started); for the final heal, when it ran. */
  readonly at: number;
  /** The target's own time when the op ran (or was skipped), if it tells. */
  readonly now?: number;
  /** How late the op started against its schedule time, by the target's clock (0 on time); absent for the final heal. */
  readonly lateMs?: number;
  readonly op: NemesisOp;
  readonly text: string;
  /** False when the target threw or the step was skipped; `error` says why. The nemesis carries on. */
  readonly ok: boolean;
  readonly error?: string;
  /** True when the step never ran (the nemesis was stopped first); `error` gives the reason. */
  readonly skipped?: boolean;
  /** True for the undo steps of the final heal. */
  readonly final?: boolean;
}

/** Events a nemesis emits while it runs. */
export interface NemesisEvents {
  /** An op ran (successfully or not). */
  op: (entry: NemesisLogEntry) => void;
  /** The run finished; `log` is everything it did. */
  done: (log: readonly NemesisLogEntry[]) => void;
}

/**
 * A schedule of faults over time, planned up front from a seed and run against a fault target
 * with the target's own `sleep` (virtual time in the simulator).
 */
export class Nemesis {
  readonly seed: number;
  /** Every step, with every choice made. */
  readonly schedule: readonly PlannedStep[];
  readonly events = new EventEmitter<NemesisEvents>();
  readonly log: NemesisLogEntry[] = [];
  private readonly target: FaultTarget;
  private readonly finalHeal: boolean;
  private readonly handles = new Map<string, RuleHandle>();
  private readonly crashed = new Set<NodeId>();
  private readonly paused = new Set<NodeId>();
  private readonly skewed = new Set<NodeId>();
  private readonly slowDisks = new Set<NodeId>();
  private partitioned = false;
  private stopped = false;
  private running = false;

  constructor(target: FaultTarget, options: NemesisOptions) {
    this.seed = requireInteger('seed', options.seed, 0, 0xffffffff);
    if ((options.schedule === undefined) === (options.generate === undefined)) {
      throw new ConfigError('nemesis', Object.keys(options), 'must have exactly one of schedule or generate');
    }
    this.target = target;
    this.finalHeal = options.finalHeal ?? true;
    const rng = createRng(this.seed);
    const canClock = typeof target.clockFault === 'function';
    const steps = options.schedule ?? generateSchedule(options.generate ?? {}, target.nodes, rng.derive('generate'), canClock);
    this.schedule = planSchedule(steps, target.nodes, rng.derive('plan'), { clock: canClock, disk: typeof target.diskFault === 'function' });
  }

  /**
   * Runs the schedule; resolves with the log once the last step (and the final heal) is done.
   * Each step is due at an absolute time, `at` after the run began on the target's clock
   * (`target.now`), so a slow step (a worker restart takes a second) delays only the steps it
   * overlaps, never all the rest; how late each started is its `lateMs`. Without `target.now`
   * the clock is the sum of the sleeps. Every planned step appears in the log exactly once:
   * run, failed, or skipped with the reason.
   */
  async run(sleep: (ms: number) => Promise<void>): Promise<readonly NemesisLogEntry[]> {
    if (this.running) throw new ConfigError('nemesis', 'running', 'must not be run twice at once');
    this.running = true;
    const clock = scheduleClock(this.target, sleep);
    for (const step of this.schedule) {
      if (!this.stopped) await clock.until(step.at);
      if (this.stopped) {
        this.skip(step, 'the nemesis was stopped before this step was due');
        continue;
      }
      await this.execute(step.op, step.at, false, lateness(clock.elapsed(), step.at));
    }
    if (this.finalHeal) for (const op of this.outstanding()) await this.execute(op, clock.elapsed(), true, undefined);
    this.running = false;
    this.events.emit('done', this.log);
    return this.log;
  }

  /** Stops after the step in progress (a sleep already begun runs out); the final heal still happens. */
  stop(): void {
    this.stopped = true;
  }

  /** The log as text, one line per op: `  2000ms  partition majority-minority {n1,n3,n5} | {n2,n4}`. */
  formatLog(): string {
    return this.log.map((e) => {
      const at = `${+e.at.toFixed(3)}ms`.padStart(10);
      const status = e.ok ? '' : `  ${e.skipped ? 'SKIPPED' : 'FAILED'}: ${e.error ?? ''}`;
      const late = e.lateMs !== undefined && e.lateMs >= 1 ? `  (${Math.round(e.lateMs)}ms late)` : '';
      return `${at}  ${e.final ? '(final) ' : ''}${e.text}${late}${status}`;
    }).join('\n');
  }

  /** Undo ops for every fault this nemesis left in effect. */
  private outstanding(): NemesisOp[] {
    const ops: NemesisOp[] = [];
    if (this.partitioned) ops.push({ kind: 'heal' });
    if (this.paused.size > 0) ops.push({ kind: 'resume', nodes: [...this.paused] });
    if (this.crashed.size > 0) ops.push({ kind: 'restart', nodes: [...this.crashed] });
    if (this.handles.size > 0) ops.push({ kind: 'remove-link-fault', tags: [...this.handles.keys()] });
    if (this.skewed.size > 0) ops.push({ kind: 'clock', nodes: [...this.skewed], fault: { kind: 'reset' } });
    if (this.slowDisks.size > 0) ops.push({ kind: 'disk-fault', nodes: [...this.slowDisks], fault: 'fast' });
    return ops;
  }

  private async execute(op: NemesisOp, at: number, final: boolean, lateMs: number | undefined): Promise<void> {
    let error: string | undefined;
    try {
      await this.perform(op);
    } catch (e) {
      error = errorText(e);
    }
    // When the op took effect (a worker restart is done only once the node is back).
    const now = this.target.now?.();
    this.record({
      at, op, text: describeOp(op), ok: error === undefined,
      ...(now === undefined ? {} : { now }), ...(lateMs === undefined ? {} : { lateMs }),
      ...(error === undefined ? {} : { error }), ...(final ? { final } : {}),
    });
  }

  /** Logs a step that will not run, with why. */
  private skip(step: PlannedStep, reason: string): void {
    const now = this.target.now?.();
    this.record({ at: step.at, op: step.op, text: describeOp(step.op), ok: false, skipped: true, error: reason, ...(now === undefined ? {} : { now }) });
  }

  private record(entry: NemesisLogEntry): void {
    this.log.push(entry);
    this.events.emit('op', entry);
  }

  private async perform(op: NemesisOp): Promise<void> {
    const t = this.target;
    switch (op.kind) {
      case 'partition':
        t.network.block(op.plan.blocked);
        this.partitioned = true;
        return;
      case 'heal':
        t.network.healAll();
        this.partitioned = false;
        return;
      case 'crash':
        for (const n of op.nodes) { await t.crash(n); this.crashed.add(n); this.paused.delete(n); }
        return;
      case 'restart':
        for (const n of op.nodes) { await t.restart(n); this.crashed.delete(n); }
        return;
      case 'pause':
        for (const n of op.nodes) { await t.pause(n); this.paused.add(n); }
        return;
      case 'resume':
        for (const n of op.nodes) { await t.resume(n); this.paused.delete(n); }
        return;
      case 'link-fault':
        this.handles.set(op.tag, t.network.install({ target: op.target, fault: op.fault, label: `nemesis ${op.tag}` }, { position: 'first' }));
        return;
      case 'remove-link-fault':
        for (const tag of op.tags) { this.handles.get(tag)?.remove(); this.handles.delete(tag); }
        return;
      case 'clock': {
        const apply = t.clockFault?.bind(t);
        if (!apply) throw new ConfigError('target.clockFault', undefined, 'must exist for clock faults');
        for (const n of op.nodes) {
          await apply(n, op.fault);
          if (op.fault.kind === 'reset') this.skewed.delete(n);
          else this.skewed.add(n);
        }
        return;
      }
      case 'disk-fault': {
        const apply = t.diskFault?.bind(t);
        if (!apply) throw new ConfigError('target.diskFault', undefined, 'must exist for disk faults');
        for (const n of op.nodes) {
          await apply(n, op.fault);
          if (op.fault === 'lose-unsynced') { this.crashed.add(n); this.paused.delete(n); }
          if (op.fault === 'slow') this.slowDisks.add(n);
          if (op.fault === 'fast') this.slowDisks.delete(n);
        }
        return;
      }
      default: {
        const never: never = op;
        throw new Error(`unhandled op ${String(never)}`);
      }
    }
  }
}

/** Below this a difference of clock readings is rounding, not lateness (virtual times are fractional). */
const CLOCK_EPSILON_MS = 1e-6;

/** How late a step started, in ms, rounded to microseconds; 0 when on time. */
function lateness(elapsed: number, at: number): number {
  const late = elapsed - at;
  return late <= CLOCK_EPSILON_MS ? 0 : Math.round(late * 1000) / 1000;
}

/** The nemesis's view of time since its run began: the target's clock when it has one, else the sum of the sleeps. */
function scheduleClock(target: FaultTarget, sleep: (ms: number) => Promise<void>): { elapsed(): number; until(at: number): Promise<void> } {
  const now = target.now?.bind(target);
  const start = now?.() ?? 0;
  let slept = 0;
  const elapsed = now === undefined ? () => slept : () => now() - start;
  return {
    elapsed,
    async until(at) {
      // A real timer may fire a hair early; a second sleep covers it (a clock that never moves gets two tries, not a hang).
      for (let tries = 0; tries < 2; tries++) {
        const wait = at - elapsed();
        if (wait <= CLOCK_EPSILON_MS) return;
        await sleep(wait);
        slept += wait;
      }
    },
  };
}
