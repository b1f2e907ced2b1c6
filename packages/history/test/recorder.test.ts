// The client-side recorder: one invoke and exactly one completion per ask, read back by the checker.
import { describe, expect, it } from 'vitest';
import { pairOperations, parseJsonl } from '@faultline/checker';
import type { AskOutcome } from '@faultline/core';
import { completionOf, Recorder, RecorderError } from '../src/index.ts';

const ok = <R,>(value: R): Promise<AskOutcome<R>> => Promise.resolve({ status: 'ok', value });
const failed = (): Promise<AskOutcome<never>> => Promise.resolve({ status: 'failed', code: 'no-quorum', message: 'no' });
const unknown = (): Promise<AskOutcome<never>> => Promise.resolve({ status: 'unknown', reason: 'timeout', message: 'late' });

describe('Recorder', () => {
  it('maps ok, a definite failure and unknown to ok, fail and info', () => {
    expect(completionOf({ status: 'ok', value: 1 })).toBe('ok');
    expect(completionOf({ status: 'failed', code: 'x', message: '' })).toBe('fail');
    expect(completionOf({ status: 'unknown', reason: 'crashed', message: '' })).toBe('info');
  });

  it('records the reply value on ok and the invoke value otherwise, at the times of the clock', async () => {
    let t = 0;
    const rec = new Recorder(() => t++);
    await rec.record(0, { f: 'read', key: 'c' }, () => ok({ total: 7 }), (r) => r.total);
    await rec.record(0, { f: 'add', key: 'c', value: 2 }, failed);
    await rec.record(0, { f: 'add', value: 3 }, unknown);
    expect(rec.events).toEqual([
      { type: 'invoke', process: 0, f: 'read', key: 'c', value: null, time: 0 },
      { type: 'ok', process: 0, f: 'read', key: 'c', value: 7, time: 1 },
      { type: 'invoke', process: 0, f: 'add', key: 'c', value: 2, time: 2 },
      { type: 'fail', process: 0, f: 'add', key: 'c', value: 2, time: 3 },
      { type: 'invoke', process: 0, f: 'add', value: 3, time: 4 },
      { type: 'info', process: 0, f: 'add', value: 3, time: 5 },
    ]);
  });

  it('writes JSONL that the checker parses and pairs back into the same operations', async () => {
    let t = 0;
    const rec = new Recorder(() => (t += 1.5));
    const a = rec.client();
    const b = rec.client();
    const id = (reply: string) => reply;
    await Promise.all([a.record({ f: 'generate' }, () => ok('id-1'), id), b.record({ f: 'generate' }, () => ok('id-2'), id)]);
    const parsed = parseJsonl(rec.toJsonl());
    expect(parsed.events).toEqual(rec.events);
    expect(pairOperations(parsed.events).map((op) => [op.process, op.output])).toEqual([[0, 'id-1'], [1, 'id-2']]);
  });

  it('gives a client a fresh process after an unknown outcome, and keeps it after ok or fail', async () => {
    const rec = new Recorder(() => 0);
    const first = rec.client();
    const second = rec.client();
    await first.record({ f: 'add', value: 1 }, () => ok(null));
    await first.record({ f: 'add', value: 1 }, failed);
    expect(first.process).toBe(0);
    await first.record({ f: 'add', value: 1 }, unknown);
    expect(first.process).toBe(2); // 1 belongs to the second client
    expect(second.process).toBe(1);
    expect(() => pairOperations(rec.events)).not.toThrow();
  });

  it('records info and rethrows when the ask itself throws, so the history stays well formed', async () => {
    const rec = new Recorder(() => 0);
    const client = rec.client();
    await expect(client.record({ f: 'add', value: 1 }, () => Promise.reject(new Error('unencodable')))).rejects.toThrow('unencodable');
    expect(rec.events.map((e) => e.type)).toEqual(['invoke', 'info']);
    expect(client.process).toBe(1);
  });

  it('records info when the reply cannot be turned into a value, and rethrows', async () => {
    const rec = new Recorder(() => 0);
    await expect(rec.record(0, { f: 'read' }, () => ok({}), () => { throw new Error('no total in reply'); })).rejects.toThrow('no total');
    expect(rec.events.map((e) => e.type)).toEqual(['invoke', 'info']);
    expect(rec.inFlight).toBe(0);
  });

  it('refuses misuse with a RecorderError naming the process', () => {
    const rec = new Recorder(() => 0);
    rec.invoke(3, { f: 'read' });
    expect(() => rec.invoke(3, { f: 'read' })).toThrow(RecorderError);
    expect(() => rec.invoke(3, { f: 'read' })).toThrow(/process 3: already has an operation in flight/);
    expect(() => rec.complete(4, 'ok')).toThrow(/process 4: has no operation in flight/);
    expect(() => rec.invoke(5, { f: 'add', value: Number.NaN })).toThrow(/must be a JSON value/);
    expect(rec.inFlight).toBe(1);
  });
});
