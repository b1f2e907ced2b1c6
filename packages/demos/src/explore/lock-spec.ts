import { address, type NodeId } from '@faultline/core';
import { defineExplore, type ExploreSpec } from '@faultline/explore';
import { FencedStore as Store, LockServer, LockWorker as Worker, type Fencing, type LockProbe, type LockServerState } from '@faultline/hunt/corpus';

/** What a search of the lease lock observes: the lock server's and the store's state. */
export interface LockSearchState { readonly lock: LockServerState; readonly store: LockProbe }

/**
 * The bug corpus' lease lock (lock server n1, store n2, workers n3 and n4), one increment per
 * worker, searched over every order of deliveries and timers. With fencing on writes only, the
 * bug needs one exact interleaving: the first holder's write still on the wire while its lease
 * runs out, the second holder's read, then the stale write, then the second write.
 */
export function lockSpec(fencing: Fencing, leaseMs = 20): ExploreSpec<LockSearchState> {
  return defineExplore({
    name: `lock/fencing=${fencing}`,
    nodes: 4,
    setup(world) {
      const state: LockSearchState = { lock: { token: 0, holder: undefined, expires: 0 }, store: { value: 0, lost: [] } };
      const lock = world.spawn('n1', 'lock', LockServer, { state: state.lock, leaseMs });
      const store = world.spawn('n2', 'store', Store, { probe: state.store, fencing });
      for (const n of ['n3', 'n4']) {
        world.spawn(n, 'worker', Worker, { lock, store });
        world.tell(address(n as NodeId, 'worker'), { type: 'increment' });
      }
      return state;
    },
    observe: (s) => [s.lock, s.store.value, s.store.highest ?? 0, s.store.lost.length],
    invariants: [{ name: 'no update lost to two lock holders', check: (s) => (s.store.lost.length > 0 ? `${s.store.lost[0]}: both holders wrote` : undefined) }],
    goals: [{ name: 'both increments applied', reached: (s) => s.store.value === 2 }],
  });
}
