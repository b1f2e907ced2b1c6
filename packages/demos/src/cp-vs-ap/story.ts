import type { ExperimentConfig, RegisterChoice } from '@faultline/registers';
import { fault, select, type PartitionShape } from '@faultline/transport';

/** When the partition starts and ends, and how long clients run (ms of the runtime's time). */
export const STORY = { partitionAt: 2000, healAt: 4500, workloadMs: 6500, settleMs: 2000 } as const;

/** The two sides of the 3|2 split, for any node count ≥ 3: a majority and the rest. */
export function sides(nodes: readonly string[]): { majority: string[]; minority: string[] } {
  const cut = Math.floor(nodes.length / 2) + 1;
  return { majority: nodes.slice(0, cut), minority: nodes.slice(cut) };
}

/** How the partition is cut: the fixed split (first nodes | the rest), or a shape drawn from the seed. */
export type StoryShape = 'split' | Extract<PartitionShape, 'isolate-node' | 'random-halves' | 'majority-minority'>;
/** The shapes `--shape` offers: those that cut the cluster into two sides (listed in the demo's info, which the CLI loads alone). */
export { STORY_SHAPES } from './cp-vs-ap-info.ts';

/** What a reader may vary in the story: the partition's shape and a loss rate between replicas. */
export interface StoryKnobs {
  readonly shape: StoryShape;
  /** Probability that a frame between two replicas is lost, for the whole run (clients' links stay clean). */
  readonly loss: number;
}

/** The story as the docs tell it. */
export const DEFAULT_KNOBS: StoryKnobs = { shape: 'split', loss: 0 };

/** The experiment both registers go through: same seed, same clients, same partition. */
export function storyConfig(seed: number, nodes: readonly string[], register: RegisterChoice, actorName: string, knobs: StoryKnobs = DEFAULT_KNOBS): ExperimentConfig {
  const { majority, minority } = sides(nodes);
  const partition = knobs.shape === 'split'
    ? { kind: 'partition-groups' as const, groups: [majority, minority] }
    : { kind: 'partition' as const, shape: knobs.shape };
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
        { at: STORY.partitionAt, do: partition },
        { at: STORY.healAt, do: { kind: 'heal' } },
      ],
    },
    settleMs: STORY.settleMs,
    ...(knobs.loss > 0 ? { linkRules: [{ target: select.all(), fault: fault.drop(knobs.loss), label: `loss ${knobs.loss}` }] } : {}),
  };
}

/** The two sides a run's partition actually cut (from its nemesis log): the larger first; the fixed split when none is logged. */
export function sidesOfRun(log: readonly { readonly op: { readonly kind: string; readonly plan?: { readonly groups: readonly (readonly string[])[] } } }[], nodes: readonly string[]): { majority: string[]; minority: string[] } {
  const groups = log.find((e) => e.op.kind === 'partition' && e.op.plan)?.op.plan?.groups;
  if (!groups || groups.length !== 2) return sides(nodes);
  const [a, b] = [...groups].sort((x, y) => y.length - x.length) as [readonly string[], readonly string[]];
  return { majority: [...a], minority: [...b] };
}
