import fc from 'fast-check';

/** One event of a generated execution, at a true time (ms). */
export type ExecEvent =
  | { readonly kind: 'local'; readonly process: number; readonly trueMs: number }
  | { readonly kind: 'send'; readonly process: number; readonly message: number; readonly trueMs: number }
  | { readonly kind: 'receive'; readonly process: number; readonly message: number; readonly trueMs: number };

/** A run of N processes: local events, sends, and receives of messages sent earlier (each received at most once). */
export interface Execution {
  readonly processes: number;
  readonly events: readonly ExecEvent[];
}

interface RawStep {
  readonly process: number;
  readonly kind: 'local' | 'send' | 'receive';
  readonly pick: number;
  readonly dtMs: number;
}

/**
 * Random executions: 2–5 processes, up to `maxEvents` events, true time starting between `minStartMs`
 * and `maxStartMs` and advancing 0–`maxDtMs` per event.
 */
export function executionArb(
  opts: { maxEvents?: number; maxDtMs?: number; minStartMs?: number; maxStartMs?: number } = {},
): fc.Arbitrary<Execution> {
  const step = fc.record({
    process: fc.nat(),
    kind: fc.constantFrom('local' as const, 'send' as const, 'receive' as const),
    pick: fc.nat(),
    dtMs: fc.integer({ min: 0, max: opts.maxDtMs ?? 20 }),
  });
  return fc
    .record({
      processes: fc.integer({ min: 2, max: 5 }),
      startMs: fc.oneof(
        fc.constant(opts.minStartMs ?? 0),
        fc.integer({ min: opts.minStartMs ?? 0, max: opts.maxStartMs ?? 2_000_000_000_000 }),
      ),
      steps: fc.array(step, { maxLength: opts.maxEvents ?? 40 }),
    })
    .map(({ processes, startMs, steps }) => build(processes, startMs, steps));
}

function build(processes: number, startMs: number, steps: readonly RawStep[]): Execution {
  const events: ExecEvent[] = [];
  const inFlight: Array<{ readonly message: number; readonly to: number }> = [];
  let trueMs = startMs;
  let sent = 0;
  for (const s of steps) {
    const process = s.process % processes;
    trueMs += s.dtMs;
    const waiting = inFlight.filter((m) => m.to === process);
    const chosen = waiting[s.pick % Math.max(1, waiting.length)];
    if (s.kind === 'send') {
      const to = (process + 1 + (s.pick % (processes - 1))) % processes;
      inFlight.push({ message: sent, to });
      events.push({ kind: 'send', process, message: sent++, trueMs });
    } else if (s.kind === 'receive' && chosen !== undefined) {
      inFlight.splice(inFlight.indexOf(chosen), 1);
      events.push({ kind: 'receive', process, message: chosen.message, trueMs });
    } else {
      events.push({ kind: 'local', process, trueMs });
    }
  }
  return { processes, events };
}

/**
 * The true happened-before relation (Lamport 1978, §2), computed directly from its definition and nothing
 * else: the strict causal past of each event is the union of the pasts of its immediate predecessors
 * (the previous event of its process, and for a receive the matching send) plus those predecessors.
 */
export function happenedBefore(exec: Execution): (a: number, b: number) => boolean {
  const past: Array<Set<number>> = [];
  const lastOf = new Map<number, number>();
  const sendOf = new Map<number, number>();
  exec.events.forEach((e, i) => {
    const preds = [lastOf.get(e.process)];
    if (e.kind === 'send') sendOf.set(e.message, i);
    if (e.kind === 'receive') preds.push(sendOf.get(e.message));
    const mine = new Set<number>();
    for (const p of preds) {
      if (p === undefined) continue;
      mine.add(p);
      for (const q of past[p] ?? []) mine.add(q);
    }
    past.push(mine);
    lastOf.set(e.process, i);
  });
  return (a, b) => past[b]?.has(a) ?? false;
}

/** How a clock under test stamps each kind of event; a message carries its send's stamp. */
export interface Stamper<S> {
  local(process: number, event: ExecEvent): S;
  send(process: number, event: ExecEvent): S;
  receive(process: number, stamp: S, event: ExecEvent): S;
}

/** Replays the execution through a clock and returns every event's stamp, in event order. */
export function stampAll<S>(exec: Execution, stamper: Stamper<S>): S[] {
  const onWire = new Map<number, S>();
  return exec.events.map((e) => {
    if (e.kind === 'local') return stamper.local(e.process, e);
    if (e.kind === 'send') {
      const stamp = stamper.send(e.process, e);
      onWire.set(e.message, stamp);
      return stamp;
    }
    const stamp = onWire.get(e.message);
    if (stamp === undefined) throw new Error(`message ${e.message} received before it was sent`);
    return stamper.receive(e.process, stamp, e);
  });
}

/** Every ordered pair of distinct event indices. */
export function* pairs(n: number): Generator<readonly [number, number]> {
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) yield [a, b];
}
