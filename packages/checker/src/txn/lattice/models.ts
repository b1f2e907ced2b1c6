import { allAnomaliesImplying, allImpliedAnomalies, compareAnomalies, IMPLIED_ANOMALIES } from './anomalies.ts';
import { NameDag } from './dag.ts';

/*
 * The lattice of consistency models, with Elle's names. Transcribed as data from jepsen-io/elle
 * src/elle/consistency_model.clj (`canonical-model-names`, `models`, `direct-proscribed-anomalies`),
 * which cites Adya, Bailis et al., Cerone et al., Daudjee & Salem and others per edge.
 */

/** Friendly model names to Adya's canonical ones. */
const CANONICAL: Readonly<Record<string, string>> = {
  'consistent-view': 'PL-2+', 'conflict-serializable': 'PL-3', 'cursor-stability': 'PL-CS',
  'forward-consistent-view': 'PL-FCV', 'monotonic-snapshot-read': 'PL-MSR', 'monotonic-view': 'PL-2L',
  'read-committed': 'PL-2', 'read-uncommitted': 'PL-1', 'repeatable-read': 'PL-2.99',
  serializable: 'PL-3', 'snapshot-isolation': 'PL-SI', 'strict-serializable': 'PL-SS',
  'strong-serializable': 'PL-SS', 'update-serializable': 'PL-3U',
  'strong-session-read-uncommitted': 'strong-session-PL-1', 'strong-session-read-committed': 'strong-session-PL-2',
  'strong-read-uncommitted': 'strong-PL-1', 'strong-read-committed': 'strong-PL-2',
};

/** Canonical names back to friendly ones (PL-3 is `serializable`, PL-SS `strict-serializable`). */
const FRIENDLY: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const [friendly, canonical] of Object.entries(CANONICAL)) if (out[canonical] === undefined) out[canonical] = friendly;
  out['PL-3'] = 'serializable';
  out['PL-SS'] = 'strict-serializable';
  return out;
})();

/** The canonical name of a model. */
export function canonicalModel(m: string): string {
  return CANONICAL[m] ?? m;
}

/** The friendly name of a model. */
export function friendlyModel(m: string): string {
  return FRIENDLY[m] ?? m;
}

/** a -> b when every history satisfying a satisfies b. */
const MODELS = new NameDag({
  'causal-cerone': ['read-atomic'],
  'consistent-view': ['cursor-stability', 'monotonic-view'],
  'conflict-serializable': ['view-serializable'],
  'cursor-stability': ['read-committed', 'PL-2'],
  'forward-consistent-view': ['consistent-view'],
  'PL-2': ['PL-1'],
  'PL-3': ['repeatable-read', 'update-serializable'],
  'update-serializable': ['forward-consistent-view'],
  'monotonic-atomic-view': ['read-committed'],
  'monotonic-view': ['PL-2'],
  'monotonic-snapshot-read': ['PL-2'],
  'parallel-snapshot-isolation': ['causal-cerone', 'update-atomic'],
  prefix: ['causal-cerone'],
  'read-atomic': ['monotonic-atomic-view'],
  'read-committed': ['read-uncommitted'],
  'repeatable-read': ['cursor-stability', 'monotonic-atomic-view'],
  'update-atomic': ['read-atomic'],
  serializable: ['repeatable-read', 'snapshot-isolation', 'view-serializable'],
  'session-serializable': ['1SR'],
  'snapshot-isolation': ['forward-consistent-view', 'monotonic-atomic-view', 'monotonic-snapshot-read', 'parallel-snapshot-isolation', 'prefix'],
  'strict-serializable': ['PL-3', 'serializable', 'linearizable', 'snapshot-isolation', 'strong-snapshot-isolation', 'strong-session-serializable'],
  'strong-session-PL-1': ['PL-1'],
  'strong-session-PL-2': ['PL-2', 'strong-session-PL-1'],
  'strong-PL-1': ['strong-session-PL-1'],
  'strong-PL-2': ['strong-session-PL-2', 'strong-PL-1'],
  'strong-session-serializable': ['serializable', 'strong-session-snapshot-isolation'],
  'strong-session-snapshot-isolation': ['snapshot-isolation', 'strong-session-PL-2'],
  'strong-serializable': ['session-serializable'],
  'strong-snapshot-isolation': ['strong-session-snapshot-isolation', 'strong-PL-2'],
  linearizable: ['sequential'],
  sequential: ['causal'],
  causal: ['writes-follow-reads', 'PRAM'],
  PRAM: ['monotonic-reads', 'monotonic-writes', 'read-your-writes'],
}, canonicalModel);

/** model -> the anomalies it rules out beyond the models it implies. */
const PROSCRIBED = new NameDag({
  'causal-cerone': ['internal', 'G1a'],
  'cursor-stability': ['G1', 'G-cursor', 'lost-update'],
  'monotonic-view': ['G1', 'G-monotonic'],
  'monotonic-snapshot-read': ['G1', 'G-MSR'],
  'consistent-view': ['G1', 'G-single'],
  'forward-consistent-view': ['G1', 'G-SIb'],
  'parallel-snapshot-isolation': ['internal', 'G1a'],
  'PL-3': ['G1', 'G2', 'predicate-read-miss', 'PL-3-cycle-exists'],
  'PL-2': ['G1', 'PL-2-cycle-exists'],
  'PL-1': ['G0', 'duplicate-elements', 'cyclic-versions', 'PL-1-cycle-exists'],
  prefix: ['internal', 'G1a'],
  serializable: ['internal'],
  'snapshot-isolation': ['internal', 'G1', 'G-SI', 'G-nonadjacent', 'PL-SI-cycle-exists'],
  'read-atomic': ['internal', 'G1a', 'future-read'],
  'repeatable-read': ['G1', 'G2-item', 'PL-2.99-cycle-exists', 'lost-update'],
  'update-atomic': ['lost-update'],
  'strict-serializable': ['G1', 'G1c-realtime', 'G2-realtime', 'PL-SS-cycle-exists'],
  'strong-session-PL-1': ['strong-session-PL-1-cycle-exists', 'G0-process'],
  'strong-session-PL-2': ['strong-session-PL-2-cycle-exists', 'G1c-process'],
  'strong-PL-1': ['strong-PL-1-cycle-exists', 'G0-realtime'],
  'strong-PL-2': ['strong-PL-2-cycle-exists', 'G1c-realtime'],
  'strong-session-snapshot-isolation': ['internal', 'G1-process', 'G-nonadjacent-process', 'strong-session-snapshot-isolation-cycle-exists'],
  'strong-snapshot-isolation': ['internal', 'G1-realtime', 'G-nonadjacent-realtime', 'strong-snapshot-isolation-cycle-exists'],
  'strong-session-serializable': ['G1-process', 'G2-process', 'strong-session-serializable-cycle-exists'],
  'update-serializable': ['G1', 'G-update'],
}, canonicalModel); // anomaly names are never model names, so renaming leaves them alone

/** Every model name `--consistency-models` accepts (friendly and canonical). */
export const ALL_MODELS: readonly string[] = [...new Set([...MODELS.out.keys(), ...Object.keys(CANONICAL), ...Object.values(CANONICAL)])].sort();

/** A model name Elle does not know. */
export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
}

/** Throws UnknownModelError naming the unknown models. */
export function validateModels(ms: readonly string[]): void {
  const bad = ms.filter((m) => !ALL_MODELS.includes(m));
  if (bad.length > 0) throw new UnknownModelError(`unknown consistency model ${bad.join(', ')}; known models: ${ALL_MODELS.join(', ')}`);
}

/** The anomalies that cannot be present if all of `models` hold (elle `anomalies-prohibited-by`). */
export function anomaliesProhibitedBy(models: readonly string[]): Set<string> {
  const implied = MODELS.reach(models.map(canonicalModel), 'out');
  const direct: string[] = [];
  for (const m of implied) for (const a of PROSCRIBED.out.get(m) ?? []) direct.push(a);
  return allAnomaliesImplying(direct);
}

/** Models that cannot hold given these impossible ones: they and every stronger model. */
export function allImpossibleModels(impossible: Iterable<string>): Set<string> {
  return MODELS.reach([...impossible].map(canonicalModel), 'in');
}

/** The models `anomalies` rule out (elle `anomalies->impossible-models`), canonical names. */
export function anomaliesToImpossibleModels(anomalies: Iterable<string>): Set<string> {
  const direct: string[] = [];
  for (const a of allImpliedAnomalies(anomalies)) for (const m of PROSCRIBED.in.get(a) ?? []) direct.push(m);
  return allImpossibleModels(direct);
}

/** The weakest of a set of models: those implying no other model of the set (canonical names). */
export function weakestModels(ms: Iterable<string>): Set<string> {
  return mostModels(ms, 'out');
}

/** The strongest of a set of models: those no other model of the set implies (elle `strongest-models`). */
export function strongestModels(ms: Iterable<string>): Set<string> {
  return mostModels(ms, 'in');
}

// elle consistency_model.clj `most-models`: drop each model some other remaining one covers along `dir`.
function mostModels(ms: Iterable<string>, dir: 'out' | 'in'): Set<string> {
  const set = new Set([...ms].map(canonicalModel));
  for (const m of [...set]) {
    for (const r of MODELS.reach([m], dir)) {
      if (r !== m && set.has(r)) {
        set.delete(m);
        break;
      }
    }
  }
  return set;
}

/** Every anomaly Elle knows, shallowest first (elle `all-anomalies`: implied, severity and proscribed ones, by depth then name). */
export const ALL_ANOMALIES: readonly string[] = (() => {
  const names = new Set<string>(IMPLIED_ANOMALIES.out.keys());
  for (const as of PROSCRIBED.out.values()) for (const a of as) names.add(a);
  return [...names].sort(compareAnomalies);
})();

/** The boundary: the weakest models the anomalies rule out (`not`), and the stronger ones also ruled out (`alsoNot`), friendly names. */
export function friendlyBoundary(anomalies: Iterable<string>): { not: string[]; alsoNot: string[] } {
  const impossible = anomaliesToImpossibleModels(anomalies);
  const weakest = weakestModels(impossible);
  return {
    not: [...weakest].map(friendlyModel).sort(),
    alsoNot: [...impossible].filter((m) => !weakest.has(m)).map(friendlyModel).sort(),
  };
}
