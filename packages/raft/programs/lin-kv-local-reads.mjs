// PLANTED BUG: the Raft lin-kv node whose leader answers reads from its own state (no ReadIndex), CheckQuorum off,
// so a leader cut off by a partition keeps serving stale reads. The lin-kv checker should find it in some seeds.
import { raftLinKvProgram } from '@faultline/raft';

export const program = raftLinKvProgram({ unsafeLeaderLocalReads: true, config: { checkQuorum: false } });
