import type { Envelope } from '@faultline/core';
import type { MessageTraceEvent } from '@faultline/runtime';
import type { DemoContext } from '../demo.ts';
import { runSweepSeed, type Protocol, type SweepRun } from './transfer-sweep.ts';

/** `A + B = 1900 ($100 DESTROYED)` or `… (conserved)`. */
function totalLine(run: SweepRun): string {
  const d = run.total - run.expected;
  return `A + B = ${run.total} (${d === 0 ? 'conserved' : d > 0 ? `$${d} CREATED` : `$${-d} DESTROYED`})`;
}

/** Gap between the naive and the careful run on a report's time axis, ms. */
const GAP_MS = 200;

/**
 * `transfer --sweep-seed N`: replays one run of the sweep, exactly as the sweep ran it (a fresh
 * simulation seeded N, per protocol), and prints its faults and the money. With a report, both
 * runs go into one run folder as two scenes: the careful run's times are moved past the naive
 * run's end and its message ids past the naive run's largest, so the two never pair up.
 */
export async function replaySweepSeed(context: DemoContext, seed: number): Promise<number> {
  const { out, record } = context;
  out(`━━ sweep run seed ${seed}, replayed (a fresh simulation per protocol, as the sweep runs it)`);
  let offset = 0;
  let idBase = 0;
  let broken = 0;
  for (const protocol of ['naive', 'careful'] as Protocol[]) {
    const from = offset;
    let end = 0;
    let maxId = 0;
    const lines: string[] = [];
    const base = idBase;
    const onTrace = record ? (e: MessageTraceEvent, envelope: Envelope) => {
      end = Math.max(end, e.t);
      maxId = Math.max(maxId, e.id);
      record.onTrace({ ...e, t: e.t + from, id: e.id + base }, envelope);
    } : undefined;
    const run = await runSweepSeed(seed, protocol, {
      ...(onTrace ? { onTrace } : {}),
      step: (t, kind, nodes, text) => record?.nemesisSteps([{ t: t + from, op: { kind, nodes: [...nodes] }, text }]),
    });
    if (protocol === 'careful' && run.total !== run.expected) broken++;
    const say = (line: string) => { out(line); lines.push(line.trim()); };
    say(`  ${protocol.padEnd(8)} faults: ${run.faults}`);
    say(`           verdicts ${run.verdicts.join(', ')}; ${totalLine(run)}`);
    record?.scene({ name: protocol, title: `sweep seed ${seed} — the ${protocol} teller`, from, to: from + end, lines });
    offset = from + end + GAP_MS;
    idBase = base + maxId + 1;
  }
  return broken === 0 ? 0 : 1;
}
