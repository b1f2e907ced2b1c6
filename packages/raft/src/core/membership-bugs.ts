/**
 * Membership rules planted broken, one at a time, to prove the checkers catch each (tests and the
 * targeted membership nemesis only; `membership-bugs.test.ts`, `membership-nemesis.ts`). Each names
 * the rule of Raft thesis §4.1–§4.2.2 it breaks:
 * - `adopt-at-commit`: a node takes a configuration only once it knows the entry committed, not once
 *   appended. The one-change guard, which asks whether the configuration in force is committed, then
 *   never fires, so two changes go out in one append and a node that has not heard of their commit
 *   stays two configurations behind (etcd applies at commit safely only because it refuses a second
 *   change while one is unapplied, and a node with unapplied changes does not campaign);
 * - `concurrent-changes`: a leader appends a second change while one is uncommitted;
 * - `keep-on-truncation`: a truncated configuration entry leaves its configuration in force;
 * - `old-quorum`: while a change is uncommitted, a majority is counted by the size of the configuration
 *   before it (two of the four voters after adding a fourth to three);
 * - `removed-leader-stays`: a leader the configuration removed goes on as a member: it counts its own
 *   log and acknowledgements toward majorities and never steps down.
 */
export type MembershipBug = 'none' | 'adopt-at-commit' | 'concurrent-changes' | 'keep-on-truncation' | 'old-quorum' | 'removed-leader-stays';

/** Every planted membership bug (without `none`). */
export const MEMBERSHIP_BUGS = ['adopt-at-commit', 'concurrent-changes', 'keep-on-truncation', 'old-quorum', 'removed-leader-stays'] as const satisfies readonly MembershipBug[];
