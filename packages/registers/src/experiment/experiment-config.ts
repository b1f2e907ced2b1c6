import type { NemesisStep, GeneratorOptions, LinkRuleSpec } from '@faultline/transport';
import type { ActorDefinition, ClockConfig } from '@faultline/core';
import type { CpRegisterProps } from '../cp/cp-register.ts';
import type { ApRegisterProps } from '../ap/ap-register.ts';
import type { WorkloadConfig } from '../workload/workload-config.ts';
import type { MembershipPreset } from '@faultline/membership';

/** Which register an experiment runs, with its settings. */
export type RegisterChoice =
  | { readonly kind: 'cp'; readonly props?: CpRegisterProps }
  | { readonly kind: 'ap'; readonly props: ApRegisterProps }
  /**
   * Any other store speaking the registers' protocol (`{type:'read', key}` → `{value}`, `{type:'write', key, value}`),
   * e.g. the Raft KV of `@faultline/raft`: spawned on every node and judged like the CP register.
   */
  | { readonly kind: 'actor'; readonly actor: ActorDefinition<never, never>; readonly props: unknown };

/** One Jepsen-style run in the simulator: a register, clients, a nemesis, then a verdict. */
export interface ExperimentConfig {
  readonly seed: number;
  readonly nodes: number;
  readonly register: RegisterChoice;
  readonly workload?: Partial<WorkloadConfig>;
  /** A written schedule, or a generator; none means a healthy network. */
  readonly nemesis?: { readonly schedule?: readonly NemesisStep[]; readonly generate?: GeneratorOptions };
  /** Link rules in force for the whole run (e.g. 20% loss everywhere). */
  readonly linkRules?: readonly LinkRuleSpec[];
  /** Per-node physical clocks. */
  readonly clocks?: Readonly<Record<string, ClockConfig>>;
  /** After the workload: heal everything and wait this long before reading final state. Default 2000. */
  readonly settleMs?: number;
  /** The replicas' actor name; change it to run several registers on one cluster. Default `register`. */
  readonly actorName?: string;
  /**
   * Run SWIM membership on every node (preset name, e.g. 'sim-fast'); the CP register then asks
   * it before each operation and fails at once, definitely, on a side without a quorum.
   */
  readonly membership?: MembershipPreset;
}
