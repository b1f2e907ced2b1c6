/** A property a searched path broke: which, why, and the path to it. */
export interface Violation {
  readonly property: string;
  readonly explanation: string;
  /** The choices from the start (keys, see `choiceKey`): what `replayChoices` and a capsule take. */
  readonly choices: readonly string[];
  /** The same path as readable lines: one per delivery, drop, duplicate or timer. */
  readonly trace: readonly string[];
}

/** How much a search covered. */
export interface ExploreStats {
  readonly strategy: string;
  /** States reached (one per choice executed at the end of a path). */
  readonly statesVisited: number;
  /** Distinct states by fingerprint (equal to visited in a stateless search). */
  readonly uniqueStates: number;
  readonly maxDepth: number;
  /** True when every state within the bounds was searched (BFS/DFS only): no depth or state cut. */
  readonly exhausted: boolean;
  /** True when the state or time budget stopped the search (a sampled search never counts as that). */
  readonly budgetRanOut: boolean;
  readonly elapsedMs: number;
  /** Unique states per second of wall time. */
  readonly statesPerSecond: number;
  /** Paths cut for reaching the depth bound, or the in-flight bound. */
  readonly cutByDepth: number;
  readonly cutByInFlight: number;
  /** Terminal states (nothing left to happen) seen. */
  readonly terminalStates: number;
}

/** What a search found. */
export interface ExploreResult {
  readonly spec: string;
  readonly violation?: Violation;
  /** Goals some state reached, with the shortest path found to each; and goals no state reached. */
  readonly goalsReached: Readonly<Record<string, readonly string[]>>;
  readonly goalsUnreached: readonly string[];
  readonly stats: ExploreStats;
}
