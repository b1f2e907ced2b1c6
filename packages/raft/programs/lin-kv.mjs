// The Raft KV as a Maelstrom lin-kv node, in the simulator:
//   faultline maelstrom test -w lin-kv --program packages/raft/programs/lin-kv.mjs --node-count 5 --nemesis partition,kill
import { raftLinKvProgram } from '@faultline/raft';

export const program = raftLinKvProgram();
