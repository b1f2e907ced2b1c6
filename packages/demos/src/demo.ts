import type { Cluster } from '@faultline/runtime';

/** A runnable demo: builds its actors on a cluster the CLI started, narrates, returns an exit code. */
export interface Demo {
  readonly name: string;
  /** One line for `faultline demo --list`. */
  readonly summary: string;
  readonly defaultNodes: number;
  /** File URLs of the modules defining the demo's actors (worker nodes import them). */
  readonly actorModules: readonly string[];
  /** Which runtimes it supports; both when absent. */
  readonly runtimes?: readonly ('sim' | 'workers')[];
  run(cluster: Cluster, out: (line: string) => void): Promise<number>;
}
