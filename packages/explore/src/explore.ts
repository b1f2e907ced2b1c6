import { createRng, type Rng } from '@faultline/core';
import { choiceKey, parseChoiceKey, type Choice } from './choice.ts';
import type { ExploreResult, Violation } from './result.ts';
import type { ExploreSpec } from './spec.ts';
import { World, type WorldBounds } from './world.ts';
import { minimizeViolation } from './minimize.ts';

/** Which search: breadth-first (shortest trace; state hashing when the spec observes), bounded depth-first, random walks, or PCT. */
export type Strategy = 'bfs' | 'dfs' | 'random' | 'pct';

/** Options of {@link explore}. */
export interface ExploreOptions<S = unknown> extends WorldBounds {
  readonly strategy?: Strategy;
  /** Longest path, in choices. Default 30. */
  readonly maxDepth?: number;
  /** States with more messages in flight are not expanded. Default unbounded. */
  readonly maxInFlight?: number;
  /** Stop after this many states. Default 1,000,000. */
  readonly maxStates?: number;
  /** Wall-time budget in ms. Default 60,000. */
  readonly timeLimitMs?: number;
  /** random / pct: the walks' seed (printed; the same seed walks the same paths). Default 1. */
  readonly seed?: number;
  /** random / pct: walks to take. Default 10,000. */
  readonly walks?: number;
  /** pct: priority change points per walk (the bug depth d − 1). Default 2. */
  readonly pctDepth?: number;
  /** Called for each distinct terminal state (nothing left to happen), with its path's trace. */
  readonly onTerminal?: (state: S, trace: readonly string[]) => void;
}

/** A path still to expand, with the choices enabled where it ends. */
interface Frontier { readonly path: readonly string[]; readonly next: readonly string[] }

/** Replays a path of choice keys in a fresh world; throws when a key is not enabled where it is used. */
export async function replayChoices<S>(spec: ExploreSpec<S>, choices: readonly string[], bounds: WorldBounds = {}): Promise<World<S>> {
  const world = await World.start(spec, bounds);
  for (const key of choices) {
    const c = parseChoiceKey(key);
    if (!c) throw new Error(`malformed choice '${key}': expected d<n>, x<n>, u<n> or t<n>`);
    await world.apply(c);
  }
  return world;
}

function violationOf<S>(spec: ExploreSpec<S>, world: World<S>, terminal: boolean): { property: string; explanation: string } | undefined {
  for (const p of spec.invariants ?? []) {
    const why = p.check(world.state);
    if (why !== undefined) return { property: p.name, explanation: why };
  }
  if (terminal) {
    for (const p of spec.atEnd ?? []) {
      const why = p.check(world.state);
      if (why !== undefined) return { property: p.name, explanation: `when nothing is left to happen: ${why}` };
    }
  }
  return undefined;
}

/**
 * Searches a spec's schedules. BFS visits states in order of path length, so the first violation
 * found is a shortest one; with `observe`, equal states are expanded once. DFS is bounded by
 * depth (stateful with `observe`). Random walks and PCT (Burckhardt et al., ASPLOS 2010: random
 * node priorities, d − 1 random points where the running node drops to the lowest) sample paths
 * for specs too large to exhaust; what they find is then minimised (`minimizeViolation`).
 */
export async function explore<S>(spec: ExploreSpec<S>, options: ExploreOptions<S> = {}): Promise<ExploreResult> {
  const strategy = options.strategy ?? 'bfs';
  const maxDepth = options.maxDepth ?? 30;
  const maxStates = options.maxStates ?? 1_000_000;
  const maxInFlight = options.maxInFlight ?? Infinity;
  const timeLimit = options.timeLimitMs ?? 60_000;
  const bounds: WorldBounds = { ...(options.maxDrops === undefined ? {} : { maxDrops: options.maxDrops }), ...(options.maxDuplicates === undefined ? {} : { maxDuplicates: options.maxDuplicates }) };
  const started = performance.now();
  const seen = new Set<string>();
  const goals = new Map<string, readonly string[]>();
  let visited = 0;
  let unique = 0;
  let deepest = 0;
  let cutByDepth = 0;
  let cutByInFlight = 0;
  let terminals = 0;
  let stoppedEarly = false;
  let budgetRanOut = false;
  let violation: Violation | undefined;
  const outOfBudget = () => (budgetRanOut ||= visited >= maxStates || performance.now() - started > timeLimit);

  /** Looks at a state just reached by `path`; returns what may happen next when it is to be expanded, else undefined. */
  const examine = (world: World<S>, path: readonly string[]): Choice[] | undefined => {
    visited++;
    deepest = Math.max(deepest, path.length);
    const fp = world.fingerprint();
    if (fp !== undefined) {
      if (seen.has(fp)) return undefined;
      seen.add(fp);
    }
    unique++;
    const enabled = world.enabled();
    const terminal = enabled.length === 0;
    if (terminal) { terminals++; options.onTerminal?.(world.state, world.trace); }
    const broken = violationOf(spec, world, terminal);
    if (broken) {
      violation = { ...broken, choices: [...path], trace: world.trace };
      return undefined;
    }
    for (const g of spec.goals ?? []) if (!goals.has(g.name) && g.reached(world.state)) goals.set(g.name, world.trace);
    if (terminal || spec.prune?.(world.state)) return undefined;
    if (path.length >= maxDepth) { cutByDepth++; return undefined; }
    if (world.messagesInFlight > maxInFlight) { cutByInFlight++; return undefined; }
    return enabled;
  };

  const root = await World.start(spec, bounds);
  const rootChoices = examine(root, []);
  if (rootChoices) {
    if (strategy === 'bfs' || strategy === 'dfs') {
      // Each entry keeps the choices enabled where its path ends (seen when it was examined), so
      // expanding it replays only its children, never itself again. BFS takes the oldest entry
      // (a queue: shortest paths first), DFS the newest (a stack).
      const open: Frontier[] = [{ path: [], next: rootChoices.map(choiceKey) }];
      let head = 0;
      while (head < open.length && !violation) {
        const entry = strategy === 'bfs' ? open[head++]! : open.pop()!;
        const order = strategy === 'bfs' ? entry.next : [...entry.next].reverse();
        for (const key of order) {
          if (violation) break;
          if (outOfBudget()) { stoppedEarly = true; break; }
          const child = [...entry.path, key];
          const world = await replayChoices(spec, child, bounds);
          const next = examine(world, child);
          if (next) open.push({ path: child, next: next.map(choiceKey) });
        }
        if (stoppedEarly) break;
        if (strategy === 'bfs' && head > 4096 && head * 2 > open.length) { open.splice(0, head); head = 0; }
      }
    } else {
      const rng = createRng(options.seed ?? 1);
      const walks = options.walks ?? 10_000;
      for (let w = 0; w < walks && !violation; w++) {
        if (outOfBudget()) { stoppedEarly = true; break; }
        await walk(spec, bounds, rng.derive(`walk:${w}`), strategy === 'pct' ? options.pctDepth ?? 2 : undefined, maxDepth, examine, () => violation !== undefined);
      }
      stoppedEarly = true; // sampling never proves a space exhausted
      if (violation) violation = await minimizeViolation(spec, violation, bounds);
    }
  }
  const elapsedMs = performance.now() - started;
  return {
    spec: spec.name,
    ...(violation ? { violation } : {}),
    goalsReached: Object.fromEntries(goals),
    goalsUnreached: (spec.goals ?? []).map((g) => g.name).filter((n) => !goals.has(n)),
    stats: {
      strategy, statesVisited: visited, uniqueStates: unique, maxDepth: deepest,
      exhausted: !stoppedEarly && !violation && cutByDepth === 0 && cutByInFlight === 0, budgetRanOut,
      elapsedMs, statesPerSecond: unique / Math.max(elapsedMs / 1000, 1e-9), cutByDepth, cutByInFlight, terminalStates: terminals,
    },
  };
}

/**
 * One random or PCT walk from the start, examining each state on the way. A walk samples paths,
 * not states: it goes on through states seen before, and stops at a violation or a dead end.
 */
async function walk<S>(spec: ExploreSpec<S>, bounds: WorldBounds, rng: Rng, pctDepth: number | undefined, maxDepth: number, examine: (w: World<S>, path: readonly string[]) => unknown, found: () => boolean): Promise<void> {
  const world = await World.start(spec, bounds);
  const path: string[] = [];
  const priority = new Map<string, number>();
  const changeAt = new Set<number>();
  if (pctDepth !== undefined) for (let i = 0; i < pctDepth; i++) changeAt.add(1 + rng.int(maxDepth));
  for (let step = 1; step <= maxDepth; step++) {
    const enabled = world.enabled();
    if (enabled.length === 0) return;
    const pick = pctDepth === undefined ? rng.pick(enabled) : pctPick(world, enabled, priority, rng);
    if (pctDepth !== undefined && changeAt.has(step)) priority.set(world.ownerOf(pick), -step);
    path.push(choiceKey(pick));
    await world.apply(pick);
    examine(world, path);
    if (found()) return;
  }
}

/** PCT's choice: the enabled event of the highest-priority node (a node gets a random priority when first seen); drops and duplicates only by chance. */
function pctPick<S>(world: World<S>, enabled: readonly Choice[], priority: Map<string, number>, rng: Rng): Choice {
  const faults = enabled.filter((c) => c.kind === 'drop' || c.kind === 'duplicate');
  if (faults.length > 0 && rng.chance(0.1)) return rng.pick(faults);
  let best: Choice | undefined;
  let bestPriority = -Infinity;
  for (const c of enabled) {
    if (c.kind === 'drop' || c.kind === 'duplicate') continue;
    const owner = world.ownerOf(c);
    if (!priority.has(owner)) priority.set(owner, 1 + rng.next());
    const p = priority.get(owner)!;
    if (p > bestPriority) { best = c; bestPriority = p; }
  }
  return best ?? rng.pick(enabled);
}
