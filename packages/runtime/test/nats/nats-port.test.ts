// Issue 27, item 1: the credit protocol of a NATS link (nats-port.ts), driven message by message
// over a fake connection (no server, no sleeps): cumulative credit, a gap reported as lost, a probe
// that recovers a window held by a restarted receiver, and untrusted acknowledgements ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NatsConnection } from '@nats-io/transport-node';
import { NatsPeerPort, PROBE_AFTER_MS } from '../../src/nats/nats-port.ts';
import { clusterSubjects } from '../../src/nats/subjects.ts';

const subjects = clusterSubjects('t');

/** Everything one side published, in order. */
interface Published { subject: string; data: Uint8Array; reply: string | undefined }

function fakeNc(out: Published[]): NatsConnection {
  return {
    publish: (subject: string, data: Uint8Array, opts?: { reply?: string }) => { out.push({ subject, data, reply: opts?.reply }); },
    isClosed: () => false,
  } as unknown as NatsConnection;
}

/** Node a's link to b (sending), and b's link from a (receiving), with what each hands its mesh. */
function pair() {
  const aOut: Published[] = [];
  const bOut: Published[] = [];
  const a = new NatsPeerPort(fakeNc(aOut), subjects.data('b'), subjects.credit('a', 1, 'b'));
  const credited: number[] = [];
  const lost: number[] = [];
  a.on('message', (n: unknown) => credited.push(n as number));
  a.lost((n) => lost.push(n));
  const receiver = () => {
    const port = new NatsPeerPort(fakeNc(bOut), subjects.data('a'), subjects.credit('b', 1, 'a'));
    const batches: Uint8Array[] = [];
    port.on('message', (d: unknown) => batches.push(d as Uint8Array));
    return { port, batches };
  };
  const b = receiver();
  /** Hands a's publications to `to` (all, or those `keep` lets through), as b's data subscription would. */
  const deliver = (to: NatsPeerPort, keep: (p: Published) => boolean = () => true) => {
    for (const p of aOut.splice(0)) {
      if (!keep(p)) continue;
      const via = subjects.parseReply(p.reply, 'b');
      if (via === undefined) throw new Error(`unattributed publication on ${p.subject}`);
      to.arrived(p.data, via.creditTo, via.seq);
    }
  };
  /** Hands b's acknowledgements to a; returns their texts. */
  const acks = () => bOut.splice(0).map((p) => {
    expect(p.subject).toBe(subjects.credit('a', 1, 'b'));
    a.credited(p.data);
    return new TextDecoder().decode(p.data);
  });
  return { a, aOut, b, bOut, credited, lost, deliver, acks, receiver };
}

const batch = (n: number) => new Uint8Array([n]);

describe('the credit protocol of a NATS link', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('numbers each batch in its reply subject and credits them back cumulatively, in one acknowledgement', () => {
    const { a, aOut, b, deliver, acks, credited, lost } = pair();
    for (let i = 1; i <= 3; i++) a.postMessage(batch(i));
    expect(aOut.map((p) => p.reply)).toEqual([1, 2, 3].map((s) => `faultline.t.credit.a.1.b.${s}`));
    deliver(b.port);
    expect(b.batches).toEqual([batch(1), batch(2), batch(3)]);
    b.port.returnCredit(3);
    expect(acks()).toEqual(['3 3']);
    expect(credited).toEqual([3]);
    expect(lost).toEqual([]);
  });

  it('reports a batch that never arrived as lost, between the credit for the ones around it', () => {
    const { a, b, deliver, acks, credited, lost } = pair();
    for (let i = 1; i <= 3; i++) a.postMessage(batch(i));
    deliver(b.port, (p) => !p.reply?.endsWith('.2'));
    b.port.returnCredit(1);
    b.port.returnCredit(1);
    expect(acks()).toEqual(['1 1', '2 1', '3 3']);
    expect(credited).toEqual([1, 1]);
    expect(lost).toEqual([1]);
  });

  it('credits only what the mesh took: a batch still queued at the receiver is not acknowledged', () => {
    const { a, b, deliver, acks, credited } = pair();
    a.postMessage(batch(1));
    a.postMessage(batch(2));
    deliver(b.port);
    b.port.returnCredit(1);
    expect(acks()).toEqual(['1 1']);
    expect(credited).toEqual([1]);
  });

  it('probes a link whose batches went to a receiver that restarted, and counts them lost when the new one reports the gap', () => {
    const { a, aOut, b, deliver, acks, credited, lost, receiver } = pair();
    a.postMessage(batch(1));
    deliver(b.port);
    b.port.returnCredit(1);
    acks();
    // b crashes: batches 2 and 3 go nowhere, and no credit comes back.
    a.postMessage(batch(2));
    a.postMessage(batch(3));
    aOut.splice(0);
    vi.advanceTimersByTime(PROBE_AFTER_MS / 2);
    expect(aOut).toEqual([]);
    vi.advanceTimersByTime(PROBE_AFTER_MS);
    expect(aOut.map((p) => [p.data.length, p.reply])).toEqual([[0, 'faultline.t.credit.a.1.b.4']]);
    // b's next incarnation gets the probe: batches before it it never saw are reported, then the probe itself.
    const b2 = receiver();
    deliver(b2.port);
    expect(b2.batches).toEqual([]);
    expect(acks()).toEqual(['3 0', '4 4']);
    expect(credited).toEqual([1]);
    expect(lost).toEqual([2]);
    // Nothing in flight: no more probes.
    vi.advanceTimersByTime(10 * PROBE_AFTER_MS);
    expect(aOut).toEqual([]);
    expect(b.batches).toHaveLength(1);
  });

  it('repeats the same probe to a receiver that is gone, never a new number each time', () => {
    const { a, aOut } = pair();
    a.postMessage(batch(1));
    aOut.splice(0);
    vi.advanceTimersByTime(5 * PROBE_AFTER_MS + 1);
    expect(aOut.length).toBeGreaterThanOrEqual(4);
    expect(new Set(aOut.map((p) => p.reply))).toEqual(new Set(['faultline.t.credit.a.1.b.2']));
  });

  it('ignores acknowledgements that are malformed, stale or for batches never posted', () => {
    const { a, credited, lost } = pair();
    a.postMessage(batch(1));
    a.postMessage(batch(2));
    const say = (text: string) => a.credited(new TextEncoder().encode(text));
    say('junk');
    say('1');
    say('-1 -1');
    say('0 0');
    expect(credited).toEqual([]);
    say('9 9'); // more than posted: settles only the two posted
    expect(credited).toEqual([2]);
    say('2 2'); // stale
    say('1 0');
    expect(credited).toEqual([2]);
    expect(lost).toEqual([]);
  });

  // Threat model (docs/18-threat-model.md, "Flow-control credit is unsealed"): a client of the server
  // may publish acknowledgements on a link's credit subject. Whatever it says, the sender settles only
  // batches it posted and has not settled: at most one window freed early, or counted lost, per forgery.
  it('settles no more than it posted on a forged acknowledgement, as taken or as lost, and then ignores the genuine one as stale', () => {
    const { a, credited, lost } = pair();
    for (let i = 1; i <= 3; i++) a.postMessage(batch(i));
    const say = (text: string) => a.credited(new TextEncoder().encode(text));
    say('999999999999999 0'); // beyond every sequence number posted, and claiming all of them lost
    expect(lost).toEqual([3]);
    expect(credited).toEqual([]);
    say('3 3'); // the receiver's genuine acknowledgement, now stale
    expect(credited).toEqual([]);
    a.postMessage(batch(4));
    say('7 7');
    expect(credited).toEqual([1]);
    expect(lost).toEqual([3]);
  });

  it('reads a batch of another incarnation of the sender as a fresh sequence: no gap from the old one', () => {
    const { b, bOut } = pair();
    b.port.arrived(batch(1), subjects.credit('a', 1, 'b'), 1);
    b.port.arrived(batch(2), subjects.credit('a', 2, 'b'), 1);
    b.port.returnCredit(2);
    expect(bOut.map((p) => [p.subject, new TextDecoder().decode(p.data)])).toEqual([
      [subjects.credit('a', 1, 'b'), '1 1'],
      [subjects.credit('a', 2, 'b'), '1 1'],
    ]);
  });
});

describe('reply subjects of NATS data messages (untrusted)', () => {
  it('names the sender, its credit subject and the sequence number only for a well-formed reply to this node', () => {
    expect(subjects.parseReply('faultline.t.credit.a.3.b.17', 'b')).toEqual({ from: 'a', creditTo: 'faultline.t.credit.a.3.b', seq: 17 });
    for (const bad of [undefined, '', '_INBOX.x', 'faultline.t.credit.a.3.c.17', 'faultline.t.credit.a.3.b.0', 'faultline.t.credit.a.3.b.x', 'faultline.u.credit.a.3.b.1', 'faultline.t.credit.a.b.1', 'faultline.t.credit.a.3.b.1.2']) {
      expect(subjects.parseReply(bad, 'b')).toBeUndefined();
    }
  });
});
