// The specs `faultline explore` can search out of the box (chapter 19): the Two Generals for
// k = 0…2, and the bug corpus' lease lock with each fencing.
import { twoGeneralsSpec } from '../two-generals/explore-spec.ts';
import { lockSpec } from './lock-spec.ts';

export const twoGenerals = [0, 1, 2].map((k) => twoGeneralsSpec(k, { forbidAlone: true }));
export const lockWritesOnly = lockSpec('writes');
export const lockFull = lockSpec('full');
export const lockNone = lockSpec('none');
