import type { ExperimentConfig, RegisterChoice } from '@faultline/registers';

/** When the partition starts and ends, and how long clients run (ms of the runtime's time). */
export const STORY = { partitionAt: 2000, healAt: 4500, workloadMs: 6500, settleMs: 2000 } as const;

/** The two sides of the 3|2 split, for any node count ≥ 3: a majority and the rest. */
export function sides(nodes: readonly string[]): { majority: string[]; minority: string[] } {
  const cut = Math.floor(nodes.length / 2) + 1;
  return { majority: nodes.slice(0, cut), minority: nodes.slice(cut) };
}

/** The experiment both registers go through: same seed, same clients, same partition. */
export function storyConfig(seed: number, nodes: readonly string[], register: RegisterChoice, actorName: string): ExperimentConfig {
  const { majority, minority } = sides(nodes);
  return {
    seed,
    nodes: nodes.length,
    register,
    actorName,
    // SWIM on every node lets a CP replica know at once that its side has no quorum.
    membership: 'sim-fast',
    workload: { durationMs: STORY.workloadMs, processes: nodes.length * 2, keys: ['x', 'y', 'z'], meanThinkMs: 40, timeoutMs: 1000 },
    nemesis: {
      schedule: [
        { at: STORY.partitionAt, do: { kind: 'partition-groups', groups: [majority, minority] } },
        { at: STORY.healAt, do: { kind: 'heal' } },
      ],
    },
    settleMs: STORY.settleMs,
  };
}
