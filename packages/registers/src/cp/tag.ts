/**
 * An ABD version tag: a counter and the write that chose it. Tags are totally ordered by
 * (counter, writer), so two writes choosing the same counter still order deterministically.
 * `writer` must be unique per write, not per node: two concurrent writes coordinated by the same
 * node can read the same highest counter, and equal tags with different values would let replicas
 * disagree while every reader believes they agree (found by the checker, seed 16).
 */
export interface Tag {
  readonly n: number;
  readonly writer: string;
}

/** The tag of a key never written. */
export const ZERO_TAG: Tag = { n: 0, writer: '' };

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareTags(a: Tag, b: Tag): number {
  return a.n !== b.n ? a.n - b.n : a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;
}

/** The larger of two tags. */
export function maxTag(a: Tag, b: Tag): Tag {
  return compareTags(a, b) >= 0 ? a : b;
}
