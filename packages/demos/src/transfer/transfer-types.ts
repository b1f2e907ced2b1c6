import type { Address } from '@faultline/core';

/** A request to move `amount` from one account to another, named by the client. */
export interface TransferRequest {
  readonly type: 'transfer';
  readonly id: string;
  readonly from: Address;
  readonly to: Address;
  readonly amount: number;
}

/** A timeout the teller saw: which attempt, and when (on the teller's clock). */
export interface TimeoutSeen {
  readonly attempt: string;
  readonly op: 'debit' | 'credit';
  readonly at: number;
}

/** How a transfer ended, as the teller believes it. */
export type TransferVerdict = 'done' | 'aborted' | 'gave-up' | 'pending';

/** What a teller answers about a transfer. */
export interface TransferReport {
  readonly id: string;
  readonly verdict: TransferVerdict;
  readonly timeouts: readonly TimeoutSeen[];
}

/** The teller's per-attempt ask timeout. */
export const TELLER_TIMEOUT_MS = 100;
