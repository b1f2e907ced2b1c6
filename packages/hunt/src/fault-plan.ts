import { dist, type NodeId, type Rng } from '@faultline/core';
import { fault, select, type LinkSelector, type NemesisAction, type NemesisStep } from '@faultline/transport';
import type { FaultFamily, FaultMix } from './fault-mix.ts';

/**
 * One fault of an explicit plan: `start` at `at` ms, undone by `undo` `forMs` later. Every choice
 * (which nodes, which link, how hard) is made, so a plan replays without a seed and shrinks by
 * removing steps (delta debugging needs independent steps: each undoes itself).
 */
export interface FaultStep {
  readonly at: number;
  readonly forMs: number;
  readonly family: FaultFamily;
  readonly start: NemesisAction;
  readonly undo: NemesisAction;
}

/** Draws an explicit plan from a mix: quiet gap, one fault, its undo, and again until `untilMs`. */
export function planFaults(mix: FaultMix, nodes: readonly NodeId[], untilMs: number, rng: Rng): FaultStep[] {
  const steps: FaultStep[] = [];
  if (mix.families.length === 0) return steps;
  const spread = (mean: number) => Math.max(1, Math.round(mean * (0.5 + rng.next())));
  for (let t = spread(mix.gapMs), i = 1; t < untilMs; i++) {
    const family = rng.pick(mix.families);
    const forMs = spread(mix.faultMs);
    const step = drawStep(family, mix, nodes, rng, `s${i}`);
    if (step !== undefined) steps.push({ at: t, forMs, family, ...step });
    t += forMs + spread(mix.gapMs);
  }
  return steps;
}

function drawStep(family: FaultFamily, mix: FaultMix, nodes: readonly NodeId[], rng: Rng, tag: string): Pick<FaultStep, 'start' | 'undo'> | undefined {
  const link = (f: ReturnType<typeof fault.drop>): Pick<FaultStep, 'start' | 'undo'> => {
    const node = rng.pick(nodes);
    const targets: LinkSelector[] = [select.all(), select.inbound(node), select.outbound(node)];
    return { start: { kind: 'link-fault', tag, target: rng.pick(targets), fault: f }, undo: { kind: 'remove-link-fault', tag } };
  };
  const one = () => [rng.pick(nodes)];
  switch (family) {
    case 'partition': {
      if (nodes.length < 2) return undefined;
      const order = rng.shuffled(nodes);
      const k = 1 + rng.int(order.length - 1);
      const [a, b] = [order.slice(0, k), order.slice(k)];
      const start: NemesisAction = rng.chance(0.25) ? { kind: 'partition-one-way', from: a, to: b } : { kind: 'partition-groups', groups: [a, b] };
      return { start, undo: { kind: 'heal' } };
    }
    case 'crash': { const n = one(); return { start: { kind: 'crash', nodes: n }, undo: { kind: 'restart', nodes: n } }; }
    case 'pause': { const n = one(); return { start: { kind: 'pause', nodes: n }, undo: { kind: 'resume', nodes: n } }; }
    case 'loss': return link(fault.drop(mix.loss));
    case 'duplicate': return link(fault.duplicate(mix.duplicate));
    case 'reorder': return link(fault.reorder(mix.reorder, dist.uniform(5, 50)));
    case 'delay': return link(fault.delay(dist.lognormal(mix.delayMs, 1)));
    case 'clock': {
      const n = one();
      const ms = Math.round((rng.next() * 2 - 1) * mix.clockMs);
      return { start: { kind: 'clock', nodes: n, fault: rng.chance(0.5) ? { kind: 'offset', offsetMs: ms } : { kind: 'bump', deltaMs: ms } }, undo: { kind: 'clock', nodes: n, fault: { kind: 'reset' } } };
    }
  }
}

/** The plan as a nemesis schedule. Steps may overlap; each undo names exactly what its start did. */
export function toSchedule(plan: readonly FaultStep[]): NemesisStep[] {
  return plan.flatMap((s) => [{ at: s.at, do: s.start }, { at: s.at + s.forMs, do: s.undo }]);
}

/** A milder copy of a step (half as long; half the probability, delay or clock jump), or undefined when it cannot get milder. */
export function milder(step: FaultStep): FaultStep | undefined {
  const forMs = Math.floor(step.forMs / 2);
  if (forMs < 10) return undefined;
  const a = step.start;
  let start: NemesisAction = a;
  if (a.kind === 'link-fault') {
    const f = a.fault;
    if (f.kind === 'drop' || f.kind === 'duplicate' || f.kind === 'reorder') start = { ...a, fault: { ...f, probability: f.probability / 2 } };
    else if (f.kind === 'delay' && f.distribution.kind === 'lognormal') start = { ...a, fault: { ...f, distribution: { ...f.distribution, medianMs: f.distribution.medianMs / 2 } } };
  } else if (a.kind === 'clock') {
    const c = a.fault;
    if (c.kind === 'offset') start = { ...a, fault: { ...c, offsetMs: Math.trunc(c.offsetMs / 2) } };
    else if (c.kind === 'bump') start = { ...a, fault: { ...c, deltaMs: Math.trunc(c.deltaMs / 2) } };
  }
  return { ...step, forMs, start };
}
