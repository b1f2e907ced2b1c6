import { ConfigError, dist, requireNumber, requireOneOf, type NodeId, type Rng } from '@faultline/core';
import { PARTITION_SHAPES, type PartitionShape } from '../faults/shapes.ts';
import { select, type LinkSelector } from '../faults/selector.ts';
import { fault, validateLinkFault, type LinkFault } from '../faults/link-fault.ts';
import type { ClockFault } from '@faultline/core';
import type { NemesisAction, NemesisStep, NodeCount } from './actions.ts';

/** Families of faults the generator draws from, after Jepsen's combined nemesis packages. */
export type FaultFamily = 'partition' | 'kill' | 'pause' | 'link' | 'clock';

/** Every family, in documentation order. */
export const FAULT_FAMILIES: readonly FaultFamily[] = ['partition', 'kill', 'pause', 'link', 'clock'];

/** How a generated schedule looks. Every fault is undone before the next one starts. */
export interface GeneratorOptions {
  /** Families to draw from. Default: all the target supports (`clock` only with `clockFault`). */
  readonly families?: readonly FaultFamily[];
  /** Quiet time before each fault, ms. Default 1000: virtual time is cheap, and many short rounds exercise more transitions. */
  readonly intervalMs?: number;
  /** How long each fault lasts before it is undone, ms. Default 1000, long enough for timeouts of a few hundred ms to fire. */
  readonly durationMs?: number;
  /** No fault is in effect after this time, ms. Default 20000. */
  readonly untilMs?: number;
  /** Partition shapes to draw from. Default: every shape the node count allows. */
  readonly shapes?: readonly PartitionShape[];
  /** How many nodes kill, pause and clock faults hit. Default 'one'. */
  readonly count?: NodeCount;
  /** Link faults to draw from. Default {@link DEFAULT_LINK_FAULTS}. */
  readonly linkFaults?: readonly LinkFault[];
  /** Largest clock offset or bump, ms. Default 500: beyond typical lease and timeout margins. */
  readonly clockMaxMs?: number;
}

/** Link faults drawn by default: each is harsh enough to matter and mild enough that progress stays possible. */
export const DEFAULT_LINK_FAULTS: readonly LinkFault[] = [
  fault.drop(0.2),
  fault.delay(dist.lognormal(50, 0.5)),
  fault.duplicate(0.1),
  fault.reorder(0.2, dist.uniform(5, 50)),
  // 'header' corruption is always detected, like a failed checksum; silent corruption is opt-in.
  fault.corrupt(0.02, 1, 'header'),
  fault.bandwidth(64 * 1024, 32),
];

/** Draws a schedule from `rng`: quiet interval, fault, duration, undo, and again until `untilMs`. */
export function generateSchedule(options: GeneratorOptions, nodes: readonly NodeId[], rng: Rng, canClock: boolean): NemesisStep[] {
  const interval = requireNumber('generate.intervalMs', options.intervalMs ?? 1000, 0);
  const duration = requireNumber('generate.durationMs', options.durationMs ?? 1000, Number.MIN_VALUE);
  const until = requireNumber('generate.untilMs', options.untilMs ?? 20_000, 0);
  const clockMax = requireNumber('generate.clockMaxMs', options.clockMaxMs ?? 500, 0);
  const count = requireOneOf('generate.count', options.count ?? 'one', ['one', 'minority', 'majority', 'all'] as const);
  const families = resolveFamilies(options.families, nodes.length, canClock);
  const shapes = resolveShapes(options.shapes, nodes.length);
  const linkFaults = options.linkFaults ?? DEFAULT_LINK_FAULTS;
  if (!Array.isArray(linkFaults) || linkFaults.length === 0) throw new ConfigError('generate.linkFaults', linkFaults, 'must list at least one fault');
  linkFaults.forEach((f, i) => validateLinkFault(f, `generate.linkFaults[${i}].`));

  const steps: NemesisStep[] = [];
  for (let t = interval, round = 1; t + duration <= until; t += duration + interval, round++) {
    const [start, undo] = draw(rng.pick(families), round, { nodes, rng, shapes, linkFaults, count, clockMax, duration });
    steps.push({ at: t, do: start }, { at: t + duration, do: undo });
  }
  return steps;
}

interface DrawContext {
  readonly nodes: readonly NodeId[];
  readonly rng: Rng;
  readonly shapes: readonly PartitionShape[];
  readonly linkFaults: readonly LinkFault[];
  readonly count: NodeCount;
  readonly clockMax: number;
  readonly duration: number;
}

function draw(family: FaultFamily, round: number, c: DrawContext): [NemesisAction, NemesisAction] {
  switch (family) {
    case 'partition': {
      // One time in four the cut is one-way: messages flow from one side to the other but not back.
      if (c.nodes.length >= 2 && c.rng.chance(0.25)) {
        const order = c.rng.shuffled(c.nodes);
        const k = 1 + c.rng.int(order.length - 1);
        return [{ kind: 'partition-one-way', from: order.slice(0, k), to: order.slice(k) }, { kind: 'heal' }];
      }
      return [{ kind: 'partition', shape: c.rng.pick(c.shapes) }, { kind: 'heal' }];
    }
    case 'kill':
      return [{ kind: 'crash', count: c.count }, { kind: 'restart' }];
    case 'pause':
      return [{ kind: 'pause', count: c.count }, { kind: 'resume' }];
    case 'link': {
      const node = c.rng.pick(c.nodes);
      const targets: LinkSelector[] = [select.all(), select.inbound(node), select.outbound(node)];
      const tag = `g${round}`;
      return [{ kind: 'link-fault', tag, target: c.rng.pick(targets), fault: c.rng.pick(c.linkFaults) }, { kind: 'remove-link-fault', tag }];
    }
    case 'clock':
      return [{ kind: 'clock', count: c.count, fault: clockFault(c) }, { kind: 'clock', fault: { kind: 'reset' } }];
    default: {
      const never: never = family;
      throw new Error(`unhandled family ${String(never)}`);
    }
  }
}

function clockFault(c: DrawContext): ClockFault {
  const signed = () => Math.round((c.rng.next() * 2 - 1) * c.clockMax);
  switch (c.rng.pick(['offset', 'bump', 'strobe', 'drift'] as const)) {
    case 'offset': return { kind: 'offset', offsetMs: signed() };
    case 'bump': return { kind: 'bump', deltaMs: signed() };
    case 'strobe': return { kind: 'strobe', periodMs: 10, amplitudeMs: signed(), durationMs: c.duration };
    case 'drift': return { kind: 'drift', driftPpm: Math.round((c.rng.next() * 2 - 1) * 1000) };
  }
}

function resolveFamilies(requested: readonly FaultFamily[] | undefined, n: number, canClock: boolean): FaultFamily[] {
  if (requested === undefined) return FAULT_FAMILIES.filter((f) => (f !== 'clock' || canClock) && (f !== 'partition' || n >= 2));
  if (!Array.isArray(requested) || requested.length === 0) throw new ConfigError('generate.families', requested, 'must list at least one family');
  return requested.map((f, i) => {
    requireOneOf(`generate.families[${i}]`, f, FAULT_FAMILIES);
    if (f === 'clock' && !canClock) throw new ConfigError(`generate.families[${i}]`, f, 'needs a target with clockFault (this runtime has no controllable clocks)');
    if (f === 'partition' && n < 2) throw new ConfigError(`generate.families[${i}]`, f, 'needs at least two nodes');
    return f;
  });
}

function resolveShapes(requested: readonly PartitionShape[] | undefined, n: number): PartitionShape[] {
  const fits = (s: PartitionShape) => n >= (s === 'isolate-node' || s === 'random-halves' ? 2 : 3);
  if (requested === undefined) return PARTITION_SHAPES.filter(fits);
  if (!Array.isArray(requested) || requested.length === 0) throw new ConfigError('generate.shapes', requested, 'must list at least one shape');
  return requested.map((s, i) => {
    requireOneOf(`generate.shapes[${i}]`, s, PARTITION_SHAPES);
    if (!fits(s)) throw new ConfigError(`generate.shapes[${i}]`, s, `needs more than ${n} nodes`);
    return s;
  });
}
