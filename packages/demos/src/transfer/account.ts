import { defineActor, Rejection } from '@faultline/core';

/** How long an account takes to apply an operation (a disk write, a lock): usually fast, sometimes slow. */
export interface AccountProps {
  readonly initial: number;
  readonly fastMs: number;
  readonly slowMs: number;
  /** Share of operations that take `slowMs`. */
  readonly slowShare: number;
}

/** One operation as the account saw it, kept in durable storage so a demo can say what a timeout meant. */
export interface AppliedEntry {
  /** The teller's attempt id (one per message sent). */
  readonly attempt: string;
  readonly op: 'debit' | 'credit';
  readonly amount: number;
  readonly receivedAt: number;
  /** When the account answered it (or would have: the reply may be lost). */
  readonly answeredAt: number;
  /** Applied; answered from its idempotency key without applying again; or refused. */
  readonly result: 'applied' | 'duplicate' | 'fenced' | 'no-funds';
}

/** Messages an account answers. `key` makes an operation idempotent: applied at most once per key. */
export type AccountMessage =
  | { readonly type: 'apply'; readonly op: 'debit' | 'credit'; readonly amount: number; readonly attempt: string; readonly key?: string }
  /** Was the operation with this key applied? If not, the key is fenced: a late copy will be refused. */
  | { readonly type: 'outcome'; readonly key: string }
  | { readonly type: 'balance' };

/** The account's durable state: balance, results by idempotency key, fenced keys and the log. */
interface AccountState {
  balance: number;
  applied: Record<string, number>;
  fenced: Record<string, true>;
  log: AppliedEntry[];
}

/** Answer to `balance`. */
export interface BalanceReply {
  readonly balance: number;
  readonly log: readonly AppliedEntry[];
}

/** An account whose every change is one durable write of its whole state (balance, keys, log). */
export const Account = defineActor<AccountMessage, AccountProps>({
  kind: 'demo.transfer.account',
  setup(ctx, props) {
    const load = (): AccountState => ctx.storage.get<AccountState>('state') ?? { balance: props.initial, applied: {}, fenced: {}, log: [] };
    const save = (state: AccountState) => ctx.storage.set('state', state);
    const work = () => new Promise<void>((resolve) => ctx.setTimer(ctx.rng.chance(props.slowShare) ? props.slowMs : props.fastMs, resolve));
    return {
      async receive(message) {
        switch (message.type) {
          case 'balance': {
            const state = load();
            return { balance: state.balance, log: state.log } satisfies BalanceReply;
          }
          case 'outcome': {
            const state = load();
            if (message.key in state.applied) return { applied: true };
            state.fenced[message.key] = true;
            save(state);
            return { applied: false };
          }
          case 'apply': {
            const receivedAt = ctx.now();
            const key = message.key;
            // A key already applied is a lookup, answered at once; anything else is work.
            if (key === undefined || !(key in load().applied)) await work();
            const state = load(); // read after the wait: other messages may have changed it
            const record = (result: AppliedEntry['result']) => {
              state.log.push({ attempt: message.attempt, op: message.op, amount: message.amount, receivedAt, answeredAt: ctx.now(), result });
              save(state);
            };
            if (key !== undefined && key in state.applied) {
              record('duplicate');
              return { balance: state.applied[key] };
            }
            if (key !== undefined && state.fenced[key]) {
              record('fenced');
              throw new Rejection('fenced', `operation ${key} was declared not done by an outcome query`);
            }
            if (message.op === 'debit' && state.balance < message.amount) {
              record('no-funds');
              throw new Rejection('insufficient-funds', `balance ${state.balance} < ${message.amount}`);
            }
            state.balance += message.op === 'debit' ? -message.amount : message.amount;
            if (key !== undefined) state.applied[key] = state.balance;
            record('applied');
            return { balance: state.balance };
          }
          default: {
            const never: never = message;
            throw new Rejection('bad-message', `unknown account message ${JSON.stringify(never)}`);
          }
        }
      },
      // For the report's step mode: the durable state, without the log (the balance and which keys it holds).
      inspect: () => {
        const state = load();
        return { balance: state.balance, keysApplied: Object.keys(state.applied), fenced: Object.keys(state.fenced) };
      },
    };
  },
});
