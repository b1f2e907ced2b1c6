import { describe, expect, it } from 'vitest';
import { allImpliedAnomalies } from '../src/txn/lattice/anomalies.ts';
import { ALL_ANOMALIES, allImpossibleModels, anomaliesProhibitedBy, anomaliesToImpossibleModels, friendlyBoundary, friendlyModel, strongestModels, validateModels, weakestModels } from '../src/txn/lattice/models.ts';

// Elle's lattice tests (jepsen-io/elle test/elle/consistency_model_test.clj), each as Elle writes
// it. One naming difference, on purpose: Elle's friendly name for PL-SS is `strong-serializable`,
// faultline's `strict-serializable` (Maelstrom's default model); both names are accepted as input.
const CM = 'elle test/elle/consistency_model_test.clj';
const elle = (names: readonly string[]): string[] => names.map((n) => (n === 'strong-serializable' ? 'strict-serializable' : n)).sort();
const friendly = (ms: Iterable<string>): string[] => [...ms].map(friendlyModel).sort();

describe('lattice: Elle consistency_model_test.clj', () => {
  it(`${CM} all-anomalies-test: every anomaly, in implication and severity order`, () => {
    expect(ALL_ANOMALIES).toEqual(['G-MSR', 'G-SI', 'G-SIb', 'G-cursor', 'G-monotonic', 'G-single-item', 'G-update', 'G0', 'G1b', 'GSIa',
      'PL-1-cycle-exists', 'PL-2-cycle-exists', 'PL-2.99-cycle-exists', 'PL-3-cycle-exists', 'PL-SI-cycle-exists', 'PL-SS-cycle-exists',
      'cyclic-versions', 'dirty-update', 'duplicate-elements', 'future-read', 'incompatible-order', 'internal', 'lost-update', 'predicate-read-miss',
      'strong-PL-1-cycle-exists', 'strong-PL-2-cycle-exists', 'strong-session-PL-1-cycle-exists', 'strong-session-PL-2-cycle-exists',
      'strong-session-serializable-cycle-exists', 'strong-session-snapshot-isolation-cycle-exists', 'strong-snapshot-isolation-cycle-exists',
      'G-nonadjacent-item', 'G-single-item-process', 'G1a', 'G1c', 'write-skew', 'G-nonadjacent-item-process', 'G-single', 'G-single-item-realtime',
      'G1', 'G2-item', 'G-nonadjacent', 'G-nonadjacent-item-realtime', 'GSIb', 'G2', 'GSI', 'G0-process', 'G1c-process', 'G-single-process',
      'G1-process', 'G2-item-process', 'G-nonadjacent-process', 'G2-process', 'G0-realtime', 'G1c-realtime', 'G-single-realtime', 'G1-realtime',
      'G2-item-realtime', 'G-nonadjacent-realtime', 'G2-realtime']);
  });

  it(`${CM} all-implied-anomalies-test`, () => expect([...allImpliedAnomalies(['G-SI'])]).toEqual(['G-SI']));

  it(`${CM} weakest-models-test`, () => {
    const s = (ms: string[]): string[] => friendly(weakestModels(ms));
    expect(s([])).toEqual([]);
    expect(s(['serializable', 'strict-serializable'])).toEqual(['serializable']);
    expect(s(['repeatable-read', 'read-committed', 'sequential', 'read-your-writes'])).toEqual(['read-committed', 'read-your-writes']);
    expect(s(['serializable', 'read-atomic'])).toEqual(['read-atomic']);
    expect(s(['read-atomic', 'serializable'])).toEqual(['read-atomic']);
  });

  it(`${CM} strongest-models-test`, () => {
    const s = (ms: string[]): string[] => friendly(strongestModels(ms));
    expect(s([])).toEqual([]);
    expect(s(['serializable', 'strong-serializable', 'strict-serializable'])).toEqual(elle(['strong-serializable']));
    expect(s(['repeatable-read', 'read-committed', 'sequential', 'read-your-writes'])).toEqual(['repeatable-read', 'sequential']);
    expect(s(['serializable', 'read-atomic'])).toEqual(['serializable']);
  });

  it(`${CM} anomalies-prohibited-by-test "read committed", "unknown anomaly"`, () => {
    expect([...anomaliesProhibitedBy(['read-committed'])].sort()).toEqual(['G0', 'G1', 'G1a', 'G1b', 'G1c', 'PL-1-cycle-exists', 'PL-2-cycle-exists', 'cyclic-versions', 'dirty-update', 'duplicate-elements', 'future-read', 'incompatible-order']);
    expect(() => validateModels(['stricct-snappshot-isolation'])).toThrow(/unknown consistency model stricct-snappshot-isolation/);
  });

  it(`${CM} anomaly->impossible-models-test: G-single, G-SI, dirty update, internal`, () => {
    const as = (a: string[]): string[] => friendly(anomaliesToImpossibleModels(a));
    expect(as(['G-single'])).toEqual(elle(['consistent-view', 'forward-consistent-view', 'strong-serializable', 'serializable', 'snapshot-isolation', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation', 'update-serializable']));
    expect(as(['G-SI'])).toEqual(elle(['snapshot-isolation', 'serializable', 'strong-serializable', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation']));
    expect(as(['dirty-update'])).toEqual(elle(['read-committed', 'monotonic-atomic-view', 'snapshot-isolation', 'repeatable-read', 'update-atomic', 'serializable', 'strong-serializable', 'update-serializable', 'cursor-stability', 'forward-consistent-view', 'consistent-view', 'monotonic-view', 'monotonic-snapshot-read', 'causal-cerone', 'parallel-snapshot-isolation', 'prefix', 'read-atomic', 'strong-session-read-committed', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-read-committed', 'strong-snapshot-isolation']));
    expect(as(['internal'])).toEqual(elle(['causal-cerone', 'parallel-snapshot-isolation', 'prefix', 'read-atomic', 'update-atomic', 'serializable', 'snapshot-isolation', 'strong-serializable', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation']));
  });

  it(`${CM} friendly-boundary-test`, () => {
    const b = (a: string[]): { not: string[]; alsoNot: string[] } => friendlyBoundary(a);
    const e = (not: string[], alsoNot: string[]): { not: string[]; alsoNot: string[] } => ({ not: elle(not), alsoNot: elle(alsoNot) });
    expect(b([])).toEqual(e([], []));
    expect(b(['cyclic-versions'])).toEqual(e(['read-uncommitted'], ['read-committed', 'snapshot-isolation', 'causal-cerone', 'consistent-view', 'cursor-stability', 'forward-consistent-view', 'monotonic-atomic-view', 'monotonic-snapshot-read', 'monotonic-view', 'parallel-snapshot-isolation', 'prefix', 'read-atomic', 'repeatable-read', 'update-atomic', 'serializable', 'strong-read-committed', 'strong-read-uncommitted', 'strong-serializable', 'strong-session-read-committed', 'strong-session-read-uncommitted', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation', 'update-serializable']));
    const internalAlso = ['causal-cerone', 'parallel-snapshot-isolation', 'prefix', 'update-atomic', 'serializable', 'snapshot-isolation', 'strong-serializable', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation'];
    expect(b(['internal'])).toEqual(e(['read-atomic'], internalAlso));
    expect(b(['G1a'])).toEqual(e(['read-committed'], ['read-atomic', 'update-atomic', 'causal-cerone', 'consistent-view', 'cursor-stability', 'forward-consistent-view', 'monotonic-atomic-view', 'monotonic-snapshot-read', 'monotonic-view', 'parallel-snapshot-isolation', 'prefix', 'repeatable-read', 'serializable', 'snapshot-isolation', 'strong-read-committed', 'strong-snapshot-isolation', 'strong-serializable', 'strong-session-read-committed', 'strong-session-serializable', 'strong-session-snapshot-isolation', 'update-serializable']));
    expect(b(['G-single'])).toEqual(e(['consistent-view'], ['snapshot-isolation', 'serializable', 'strong-serializable', 'strong-session-snapshot-isolation', 'strong-snapshot-isolation', 'strong-session-serializable', 'forward-consistent-view', 'update-serializable']));
    expect(b(['G2', 'internal'])).toEqual(e(['read-atomic'], internalAlso));
    expect(b(['lost-update']).not).toEqual(['cursor-stability', 'update-atomic']);
    expect(b(['G-single-realtime'])).toEqual(e(['strong-snapshot-isolation'], ['strong-serializable']));
  });

  it(`${CM} all-impossible-models-test: strong-session-serializable`, () => {
    expect([...allImpossibleModels(['strong-session-serializable'])].sort()).toEqual(['PL-SS', 'strong-session-serializable']);
  });
});
