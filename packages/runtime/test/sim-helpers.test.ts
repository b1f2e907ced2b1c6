// The helpers every app needs (issue 10, item 5): ctx.sleep, retryAsk with seeded backoff, and
// createDedupe (the idempotent receiver), all on the simulator's virtual time with fixed seeds.
import { describe, expect, it } from 'vitest';
import {
  backoffConfig, backoffDelay, ConfigError, createRng, retryAsk,
  type Address, type AskOptions, type AskOutcome, type RequestId, type RetryVia,
} from '@faultline/core';
import { fault, FaultNetwork, select } from '@faultline/transport';
import { Simulation } from '../src/index.ts';
import { Ledger, Sleeper, type LedgerRequest } from './fixtures/helper-actors.ts';

/** A 2-node simulation whose links between driver and n1 are lossy, both ways. */
function lossy(seed: number, p: number): { sim: Simulation; repair: () => void } {
  const net = new FaultNetwork({ nodes: 2 });
  const rule = net.install({ target: select.between(['driver'], ['n1'], true), fault: fault.drop(p) });
  return { sim: new Simulation({ seed, nodes: 2, network: net.attach }), repair: () => rule.remove() };
}

describe('ctx.sleep', () => {
  it('wakes a handler after exactly that much virtual time', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const sleeper = await sim.spawn('n1', 'sleeper', Sleeper, undefined);
    const start = sim.now();
    expect(await sim.ask(sleeper, { ms: 250 }, { timeoutMs: 1000 })).toEqual({ status: 'ok', value: 'awake' });
    expect(sim.now() - start).toBeGreaterThanOrEqual(250);
    expect(sim.now() - start).toBeLessThan(260);
  });

  it('refuses a negative time with an error naming sleep(ms)', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const sleeper = await sim.spawn('n1', 'sleeper', Sleeper, undefined);
    const failures: string[] = [];
    sim.events.on('node-event', (e) => failures.push(JSON.stringify(e)));
    const outcome = await sim.ask(sleeper, { ms: -1 }, { timeoutMs: 100 });
    expect(outcome.status).toBe('unknown'); // the handler threw: as far as the asker knows, it may have acted
    expect(failures.join('\n')).toMatch(/sleep\(ms\)/);
  });
});

describe('backoff', () => {
  it('grows by the factor up to the cap, and jitter stays within [0, ceiling]', () => {
    const none = backoffConfig({ jitter: 'none', baseDelayMs: 10, maxDelayMs: 100, factor: 3 });
    expect([1, 2, 3, 4].map((n) => backoffDelay(none, n, createRng(1)))).toEqual([10, 30, 90, 100]);
    const rng = createRng(2);
    const full = backoffConfig({ baseDelayMs: 10, maxDelayMs: 100 });
    const equal = backoffConfig({ baseDelayMs: 10, maxDelayMs: 100, jitter: 'equal' });
    for (let n = 1; n < 8; n++) {
      const ceiling = Math.min(100, 10 * 2 ** (n - 1));
      const f = backoffDelay(full, n, rng);
      const e = backoffDelay(equal, n, rng);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(ceiling);
      expect(e).toBeGreaterThanOrEqual(ceiling / 2);
      expect(e).toBeLessThanOrEqual(ceiling);
    }
  });

  it('names the bad field', () => {
    expect(() => backoffConfig({ attempts: 0 })).toThrow(ConfigError);
    expect(() => backoffConfig({ attempts: 0 })).toThrow(/attempts/);
    expect(() => backoffConfig({ baseDelayMs: 100, maxDelayMs: 10 })).toThrow(/maxDelayMs/);
    expect(() => backoffConfig({ jitter: 'some' as never })).toThrow(/jitter/);
  });
});

describe('retryAsk with dedupe on the server', () => {
  async function run(seed: number): Promise<{ outcomes: AskOutcome<{ total: number }>[]; waits: number[]; total: number; applied: number; received: number }> {
    const { sim, repair } = lossy(seed, 0.4);
    const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable: false });
    const rng = createRng(seed).derive('client');
    const waits: number[] = [];
    const outcomes: AskOutcome<{ total: number }>[] = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(
        await retryAsk<{ total: number }>(sim, ledger, (requestId) => ({ type: 'add', requestId, amount: 1 }), {
          rng, attempts: 10, timeoutMs: 50, onRetry: (_n, _o, wait) => waits.push(wait),
        }),
      );
    }
    repair();
    const read = await sim.ask<{ total: number; applied: number; received: number }>(ledger, { type: 'read' }, { timeoutMs: 100 });
    if (read.status !== 'ok') throw new Error('the final read should reach the ledger');
    return { outcomes, waits, ...read.value };
  }

  it('gets every add through a 40% lossy link, and the server applies each request once', async () => {
    const { outcomes, waits, total, applied, received } = await run(7);
    expect(waits.length).toBeGreaterThan(5); // the link did lose messages, so retries happened
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    // Lost replies made the client resend requests the ledger had already applied: dedupe kept them to one each.
    expect(received).toBeGreaterThan(20);
    expect(applied).toBe(20);
    expect(total).toBe(20);
  });

  it('replays the same waits from the same seed, and different ones from another', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b.waits).toEqual(a.waits);
    expect(c.waits).not.toEqual(a.waits);
  });

  it('keeps one request id across all attempts', async () => {
    const { sim } = lossy(3, 1); // nothing gets through: every attempt times out
    const seen: unknown[] = [];
    const via: RetryVia = {
      ask: <R,>(to: Address, message: unknown, o?: AskOptions) => (seen.push(message), sim.ask<R>(to, message, o)),
      sleep: (ms) => sim.sleep(ms),
    };
    const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable: false });
    const outcome = await retryAsk(via, ledger, (requestId) => ({ type: 'add', requestId, amount: 1 }), { rng: createRng(3), attempts: 4, timeoutMs: 20 });
    expect(outcome.status).toBe('unknown');
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((m) => (m as { requestId: RequestId }).requestId)).size).toBe(1);
  });

  it('stops at a definite failure: the server did not act, and would not on a retry', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable: false });
    let retries = 0;
    const outcome = await retryAsk(sim, ledger, (requestId) => ({ type: 'refuse', requestId }), { rng: createRng(1), onRetry: () => retries++ });
    expect(outcome).toMatchObject({ status: 'failed', code: 'refused' });
    expect(retries).toBe(0);
  });
});

describe('createDedupe with ctx.storage', () => {
  it('survives a crash: a retry after restart is answered from storage, not applied again', async () => {
    for (const durable of [true, false]) {
      const sim = new Simulation({ seed: 5, nodes: 1 });
      const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable });
      const add: LedgerRequest = { type: 'add', requestId: 'r-1', amount: 5 };
      expect(await sim.ask(ledger, add)).toEqual({ status: 'ok', value: { total: 5 } });
      await sim.crash('n1');
      await sim.restart('n1');
      const again = await sim.ask<{ total: number }>(ledger, add);
      // Durable: the answer was remembered with the total. In memory: the restarted ledger starts from 0 and acts again.
      expect(again, `durable: ${durable}`).toEqual({ status: 'ok', value: { total: 5 } });
      const read = await sim.ask<{ applied: number }>(ledger, { type: 'read' });
      expect(read.status === 'ok' && read.value.applied, `durable: ${durable}`).toBe(durable ? 0 : 1);
    }
  });

  it('answers a duplicate that arrives while the first is still running with the same reply', async () => {
    const sim = new Simulation({ seed: 5, nodes: 1 });
    const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable: false });
    const add: LedgerRequest = { type: 'add', requestId: 'r-2', amount: 3 };
    const both = await Promise.all([sim.ask(ledger, add), sim.ask(ledger, add)]);
    expect(both).toEqual([{ status: 'ok', value: { total: 3 } }, { status: 'ok', value: { total: 3 } }]);
    const read = await sim.ask<{ applied: number }>(ledger, { type: 'read' });
    expect(read.status === 'ok' && read.value.applied).toBe(1);
  });

  it('refuses a request without an id, definitely', async () => {
    const sim = new Simulation({ seed: 5, nodes: 1 });
    const ledger = await sim.spawn('n1', 'ledger', Ledger, { durable: false });
    // @ts-expect-error the ledger's address is typed: a request without an id does not compile, and is refused at run time too
    expect(await sim.ask(ledger, { type: 'add', amount: 1 })).toMatchObject({ status: 'failed', code: 'missing-request-id' });
  });
});
