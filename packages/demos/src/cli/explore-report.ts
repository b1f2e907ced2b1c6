import { resolve } from 'node:path';
import { formatAddress } from '@faultline/core';
import { loadSpecs, pickSpec, readExploreCapsule, recordPath } from '@faultline/explore';
import { RunRecorder, writeReport } from '@faultline/report';

/** True when `text` (a file's start) is an explore capsule rather than some other JSON. */
export function looksLikeExploreCapsule(text: string): boolean {
  return /"format"\s*:\s*"faultline-explore-capsule\/1"/.test(text.slice(0, 200));
}

/**
 * Writes a run folder and report for an explore capsule: the capsule's path replayed, one
 * virtual millisecond per step (messages take no time in a search), with every send, delivery and
 * drop in `trace.jsonl` and, after every step, each actor's `inspect()` and the spec's `observe`
 * (as `observe@explore`) in `states.jsonl`, so the report's step mode walks the path a step at a
 * time. Returns the report's path. The capsule's spec file is imported: open only capsules you trust.
 */
export async function writeExploreReport(capsulePath: string, outDir?: string): Promise<string> {
  const capsule = readExploreCapsule(capsulePath);
  const spec = pickSpec(await loadSpecs(capsule.file), capsule.spec);
  const recorded = await recordPath(spec, capsule.choices, { maxDrops: capsule.maxDrops, maxDuplicates: capsule.maxDuplicates });
  const dir = resolve(outDir ?? capsulePath.replace(/\.json$/, '') + '-report');
  const nodes = Array.from({ length: spec.nodes }, (_, i) => `n${i + 1}`);
  const recorder = new RunRecorder({
    dir, title: `explore ${capsule.spec}: ${capsule.property} (${capsule.choices.length} steps; time is the step number)`,
    seed: null, runtime: 'explore', nodes, replay: `faultline explore --replay ${capsulePath}`, trace: true,
  });
  for (const m of recorded.messages) {
    const e = m.envelope;
    recorder.onTrace({ t: m.step, ev: m.event, from: e.from.node, to: e.to.node, src: formatAddress(e.from), dst: formatAddress(e.to), kind: e.kind, id: e.id, bytes: encodedSize(e.payload), ...(m.event === 'drop' ? { reason: 'explore: dropped by the path' } : {}) }, e);
  }
  for (const s of recorded.states) recorder.onState({ t: s.step, actor: s.actor, state: s.state });
  recorder.finish(capsule.choices.length);
  return writeReport(dir);
}

/** A payload's size as JSON text (a searched message never went on a wire). */
function encodedSize(payload: unknown): number {
  try {
    return (JSON.stringify(payload) ?? '').length;
  } catch {
    return 0;
  }
}
