import { defineActor, type Address, type AskOutcome } from '@faultline/core';
import { TELLER_TIMEOUT_MS, type TimeoutSeen, type TransferReport, type TransferRequest, type TransferVerdict } from './transfer-types.ts';

/** Where a transfer stands, written to durable storage before each step is taken. */
type Stage = 'started' | 'debited' | 'done' | 'aborted';

interface TransferRecord {
  readonly request: TransferRequest;
  readonly stage: Stage;
}

/** Messages the careful teller answers; `status` lets a client whose ask timed out find out. */
export type CarefulMessage = TransferRequest | { readonly type: 'status'; readonly id: string };

const verdictOf = (stage: Stage): TransferVerdict => (stage === 'done' || stage === 'aborted' ? stage : 'pending');

/**
 * The correct protocol: a durable transfer record, idempotency keys (`<id>/debit`, `<id>/credit`)
 * so a retry is applied at most once, retries until a definite answer, and after a crash an
 * outcome query that either finds the debit applied or fences it so a late copy is refused.
 */
export const CarefulTeller = defineActor<CarefulMessage, void>({
  kind: 'demo.transfer.careful-teller',
  setup(ctx) {
    const running = new Map<string, Promise<TransferReport>>();
    let attempts = 0;
    // Attempt ids name the incarnation too, so logs never confuse a retry before a crash with one after.
    const incarnation = ctx.rng.int(36 ** 3).toString(36);
    const recordOf = (id: string) => ctx.storage.get<TransferRecord>(`t/${id}`);
    const save = (record: TransferRecord) => ctx.storage.set(`t/${record.request.id}`, record);
    const pause = (ms: number) => new Promise<void>((resolve) => ctx.setTimer(ms, resolve));

    /** Asks until the answer is definite (ok or failed), backing off between tries. */
    const untilDefinite = async (id: string, to: Address, message: (attempt: string) => unknown, op: 'debit' | 'credit', timeouts: TimeoutSeen[]): Promise<AskOutcome> => {
      for (let i = 0; ; i++) {
        const attempt = `${id}/${op}#${incarnation}.${++attempts}`;
        const outcome = await ctx.ask(to, message(attempt), { timeoutMs: TELLER_TIMEOUT_MS });
        if (outcome.status !== 'unknown') return outcome;
        timeouts.push({ attempt, op, at: ctx.now() });
        await pause(Math.min(400, 25 * 2 ** i));
      }
    };

    const drive = async (id: string, recovering: boolean): Promise<TransferReport> => {
      const timeouts: TimeoutSeen[] = [];
      let record = recordOf(id) as TransferRecord;
      const { request } = record;
      if (record.stage === 'started') {
        const debitKey = `${id}/debit`;
        const outcome = recovering
          ? await untilDefinite(id, request.from, () => ({ type: 'outcome', key: debitKey }), 'debit', timeouts)
          : await untilDefinite(id, request.from, (attempt) => ({ type: 'apply', op: 'debit', amount: request.amount, attempt, key: debitKey }), 'debit', timeouts);
        const applied = outcome.status === 'ok' && (!recovering || (outcome.value as { applied: boolean }).applied);
        record = { request, stage: applied ? 'debited' : 'aborted' };
        save(record);
      }
      if (record.stage === 'debited') {
        // A credit never fails definitely (no fence is ever asked for it), so this ends in ok.
        await untilDefinite(id, request.to, (attempt) => ({ type: 'apply', op: 'credit', amount: request.amount, attempt, key: `${id}/credit` }), 'credit', timeouts);
        record = { request, stage: 'done' };
        save(record);
      }
      return { id, verdict: verdictOf(record.stage), timeouts };
    };

    const start = (id: string, recovering: boolean): Promise<TransferReport> => {
      let run = running.get(id);
      if (!run) {
        run = drive(id, recovering);
        running.set(id, run);
      }
      return run;
    };

    // After a crash: finish every transfer the record says is unfinished.
    for (const key of ctx.storage.keys('t/')) {
      const record = ctx.storage.get<TransferRecord>(key);
      if (record && verdictOf(record.stage) === 'pending') ctx.setTimer(0, () => void start(record.request.id, true));
    }

    return {
      async receive(message): Promise<TransferReport> {
        if (message.type === 'status') {
          const record = recordOf(message.id);
          return { id: message.id, verdict: record ? verdictOf(record.stage) : 'aborted', timeouts: [] };
        }
        const record = recordOf(message.id);
        if (record && verdictOf(record.stage) !== 'pending') return { id: message.id, verdict: verdictOf(record.stage), timeouts: [] };
        if (!record) save({ request: message, stage: 'started' });
        return start(message.id, false);
      },
    };
  },
});
