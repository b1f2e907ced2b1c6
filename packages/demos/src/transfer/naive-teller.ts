import { defineActor } from '@faultline/core';
import { TELLER_TIMEOUT_MS, type TimeoutSeen, type TransferReport, type TransferRequest } from './transfer-types.ts';

const CREDIT_ATTEMPTS = 4;

/**
 * The naive protocol: debit, and if that times out assume it did not happen; then credit,
 * retrying the credit on timeout. No keys, no record: a timeout is read as "failed", a retry
 * may apply twice, and a crash between the steps forgets the credit.
 */
export const NaiveTeller = defineActor<TransferRequest, void>({
  kind: 'demo.transfer.naive-teller',
  setup(ctx) {
    let attempts = 0;
    return {
      async receive(t): Promise<TransferReport> {
        const timeouts: TimeoutSeen[] = [];
        const step = async (op: 'debit' | 'credit') => {
          const attempt = `${t.id}/${op}#${++attempts}`;
          const outcome = await ctx.ask(op === 'debit' ? t.from : t.to, { type: 'apply', op, amount: t.amount, attempt }, { timeoutMs: TELLER_TIMEOUT_MS });
          if (outcome.status === 'unknown') timeouts.push({ attempt, op, at: ctx.now() });
          return outcome.status;
        };
        const debit = await step('debit');
        if (debit !== 'ok') return { id: t.id, verdict: 'aborted', timeouts };
        for (let i = 0; i < CREDIT_ATTEMPTS; i++) {
          if ((await step('credit')) === 'ok') return { id: t.id, verdict: 'done', timeouts };
        }
        return { id: t.id, verdict: 'gave-up', timeouts };
      },
    };
  },
});
