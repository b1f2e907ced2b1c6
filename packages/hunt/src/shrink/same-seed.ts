import { milder, type FaultStep } from '../fault-plan.ts';
import { ddmin } from '../ddmin.ts';
import type { ShrinkSearch } from './search.ts';

/** Points spread over [0, first) tried as the plan's new start, earliest first. */
const SHIFT_POINTS = 16;

/**
 * Shrinks the current candidate without changing its seed: fewer operations (bisection: the run
 * is the same up to where the bound stops it), fewer fault steps (ddmin over the explicit plan),
 * the plan moved earlier (so fewer operations precede the fault), fewer clients, a shorter run,
 * milder faults, buggify off.
 */
export async function shrinkSameSeed<S>(search: ShrinkSearch<S>): Promise<void> {
  await bisectOperations(search);
  const ran = search.current.plan.filter((s) => s.at < search.best.workloadMs);
  if (ran.length < search.current.plan.length) await search.attempt({ ...search.current, plan: ran });
  const plan = search.current.plan;
  await ddmin(plan, (subset) => (subset.length === plan.length ? Promise.resolve(true) : search.attempt({ ...search.current, plan: subset })));
  if (await shiftEarlier(search)) await bisectOperations(search);
  while (search.current.bounds.clients > 1 && (await search.attempt({ ...search.current, bounds: { ...search.current.bounds, clients: search.current.bounds.clients - 1 } })));
  while (search.current.bounds.durationMs > 100 && (await search.attempt({ ...search.current, bounds: { ...search.current.bounds, durationMs: Math.floor(search.current.bounds.durationMs / 2) } })));
  await milderSteps(search);
  if (search.current.buggify) await search.attempt({ ...search.current, buggify: false });
}

/** The smallest operation bound that still fails, by bisection. */
export async function bisectOperations<S>(search: ShrinkSearch<S>): Promise<void> {
  let lo = 1;
  let hi = search.current.bounds.operations;
  while (lo < hi && !search.spent()) {
    const mid = Math.floor((lo + hi) / 2);
    if (await search.attempt({ ...search.current, bounds: { ...search.current.bounds, operations: mid } })) hi = search.current.bounds.operations;
    else lo = mid + 1;
  }
}

/** Moves the whole plan earlier: a failure late in the run needs every operation before its fault. */
async function shiftEarlier<S>(search: ShrinkSearch<S>): Promise<boolean> {
  const plan = search.current.plan;
  if (plan.length === 0) return false;
  const first = Math.min(...plan.map((s) => s.at));
  for (let i = 0; i < SHIFT_POINTS && !search.spent(); i++) {
    const start = Math.floor((first * i) / SHIFT_POINTS);
    if (start >= first) break;
    if (await search.attempt({ ...search.current, plan: retime(plan, start) })) return true;
  }
  return false;
}

/** The plan moved so that its first step starts at `start` ms. */
export function retime(plan: readonly FaultStep[], start: number): FaultStep[] {
  if (plan.length === 0) return [];
  const first = Math.min(...plan.map((s) => s.at));
  return plan.map((s) => ({ ...s, at: Math.max(0, s.at - first + start) }));
}

/** Each step as mild as it can get while the run still fails (half as long, half as strong, again). */
async function milderSteps<S>(search: ShrinkSearch<S>): Promise<void> {
  for (let i = 0; i < search.current.plan.length; i++) {
    for (let m = milder(search.current.plan[i]!); m !== undefined; m = milder(m)) {
      const step = m;
      if (!(await search.attempt({ ...search.current, plan: search.current.plan.map((s, j) => (j === i ? step : s)) }))) break;
    }
  }
}
