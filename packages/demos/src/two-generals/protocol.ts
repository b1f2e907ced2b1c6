/** Which general: A gives the order (messenger 1), B answers; messengers alternate after that. */
export type Role = 'A' | 'B';

/** How a run ended: both attack (coordinated), both hold, or one attacks alone (the army is lost). */
export type Ending = 'both attack' | 'both hold' | 'A alone' | 'B alone';

/** The protocol "attack after k acknowledgements": messengers 1…k+1, odd ones A→B, even ones B→A. */
export const messengers = (k: number): number => k + 1;

/** Who sends messenger `n` (1-based). */
export const senderOf = (n: number): Role => (n % 2 === 1 ? 'A' : 'B');

/**
 * The decision rule: a general attacks when it has received every messenger addressed to it
 * (B: the order and every odd acknowledgement; A: every even one). With k = 0, A attacks on its
 * own order. Each messenger after the first is sent only on receipt of the one before.
 */
export function attacks(role: Role, k: number, received: ReadonlySet<number>): boolean {
  for (let n = 1; n <= messengers(k); n++) if (senderOf(n) !== role && !received.has(n)) return false;
  return true;
}

/** The ending given both generals' decisions. */
export function endingOf(a: boolean, b: boolean): Ending {
  return a && b ? 'both attack' : !a && !b ? 'both hold' : a ? 'A alone' : 'B alone';
}
