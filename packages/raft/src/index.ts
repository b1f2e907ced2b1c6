// @faultline/raft: Raft consensus (Ongaro & Ousterhout 2014) as a pure state machine, and a linearizable KV store with CAS on it.
export { raftConfig, raftPresets, type RaftConfig, type RaftConfigInput } from './core/config.ts';
export type { Entry, RaftMessage, VoteRequest, VoteResponse, AppendRequest, AppendResponse, Outbound } from './core/messages.ts';
export { parseRaftMessage, RaftMessageError } from './core/validate.ts';
export { RaftLog } from './core/log.ts';
export type { HardState, Ready, Role, RaftEvent } from './core/ready.ts';
export { RaftNode, type RaftInput, type RaftNodeOptions, type RaftStatus } from './core/raft-node.ts';
export { persistReady, restoreRaft, type StoredRaft } from './core/persistence.ts';
export { KvMachine, type KvResult } from './kv/kv-machine.ts';
export { leaderHint, parseKvRequest, KvRequestError, type KvRequest, type KvCommand, type KvValue } from './kv/kv-protocol.ts';
export { RaftKv, type RaftKvProps, type RaftKvStatus, type ReadMode, type CommittedEntry, type RaftTimelinePoint } from './kv/raft-kv.ts';
export { runRaftWorkload, DEFAULT_RAFT_WORKLOAD, type RaftWorkloadConfig, type RaftWorkloadResult } from './experiment/raft-workload.ts';
export { runRaftExperiment, KV_ACTOR, type RaftExperimentConfig, type RaftExperimentResult } from './experiment/run-raft-experiment.ts';
export { variantConfig, VARIANTS, type Variant } from './experiment/variants.ts';
export { runFigure16Row, FIGURE16_ROWS, PAPER_FIGURE16, quantile, type Figure16Row, type Figure16Result } from './experiment/figure16.ts';
export { runLeaseTrial, type LeaseTrial, type LeaseTrialResult } from './experiment/lease-drift.ts';
export { runChaos, type ChaosLogEntry, type ChaosOptions } from './experiment/chaos.ts';
export { statuses, currentLeader, awaitLeader, raftTimelines } from './experiment/cluster-status.ts';
export { RaftLinKvNode, raftLinKvProgram } from './maelstrom/lin-kv-node.ts';
