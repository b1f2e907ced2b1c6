import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, dist, nodeId } from '@faultline/core';
import { FaultNetwork, JsonlTraceWriter, diffCounters, fault, parseTraceJsonl, select, traceToJsonl, type TraceEventLike } from '@faultline/transport';
import { Simulation, type MessageTraceEvent } from '../../src/index.ts';
import { Echo } from '../fixtures/actors.ts';
import { rig } from './fixtures/sim.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-observe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('counters', () => {
  it('counts per directed link and in total, and a diff of two snapshots is what happened in between', async () => {
    const r = await rig(31);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.drop(0.5) });
    await r.blast(1_000);
    const before = r.net.counters.snapshot();
    r.net.partitionOneWay('n1', 'n2');
    await r.blast(100);
    const after = r.net.counters.snapshot();
    const d = diffCounters(before, after);
    expect(d.links['n1->n2']).toMatchObject({ sent: 100, delivered: 0, dropped: 100, dropReasons: { partition: 100 } });
    expect(d.total.sent).toBe(after.total.sent - before.total.sent);
    expect(before.links['n1->n2']?.dropReasons.drop).toBe(before.links['n1->n2']?.dropped);
    // Snapshots are copies: later traffic does not change them.
    expect(before).toEqual(JSON.parse(JSON.stringify(before)));
    expect(r.net.counters.snapshot().total.sent).toBe(after.total.sent);
  });

  it('counts a duplicated frame once as sent and once per copy as delivered', () => {
    const net = new FaultNetwork({ nodes: 2, baseLatency: dist.constant(1) }, createRng(1));
    net.install({ target: select.all(), fault: fault.duplicate(1, 3) });
    net.route({ from: nodeId('n1'), to: nodeId('n2'), bytes: new Uint8Array(8) }, 0);
    expect(net.counters.snapshot().links['n1->n2']).toMatchObject({ sent: 1, delivered: 4, duplicated: 3 });
  });
});

describe('JSONL message traces', () => {
  it('writes every simulator trace event as one JSON line that parses back to the same event', async () => {
    const path = join(dir, 'run.jsonl');
    const writer = new JsonlTraceWriter(path);
    const events: MessageTraceEvent[] = [];
    const net = new FaultNetwork({ nodes: 2 });
    net.install({ target: select.link('driver', 'n2'), fault: fault.drop(0.5) });
    const sim = new Simulation({ seed: 1, nodes: 2, network: net.attach, onTrace: (e) => { events.push(e); writer.write(e); } });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    for (let i = 0; i < 20; i++) await sim.ask(echo, i, { timeoutMs: 50 });
    writer.close();
    const parsed = parseTraceJsonl(readFileSync(path, 'utf8'));
    expect(parsed).toEqual(events);
    expect(writer.lines).toBe(events.length);
    expect(parsed.some((e) => e.ev === 'drop' && e.reason?.startsWith('drop'))).toBe(true);
  });

  it('writes to a function sink with a fixed key order, and rejects writes after close', () => {
    const lines: string[] = [];
    const writer = new JsonlTraceWriter((line) => lines.push(line));
    const e: TraceEventLike = { reason: 'partition', t: 1.5, ev: 'drop', from: 'n1', to: 'n2', src: 'a@n1', dst: 'b@n2', kind: 'tell', id: 3, bytes: 40 };
    writer.write(e);
    expect(lines).toEqual([`${traceToJsonl(e)}\n`]);
    expect(lines[0]).toBe('{"t":1.5,"ev":"drop","from":"n1","to":"n2","src":"a@n1","dst":"b@n2","kind":"tell","id":3,"bytes":40,"reason":"partition"}\n');
    writer.close();
    expect(() => writer.write(e)).toThrow(/writer must be open/);
    expect(() => parseTraceJsonl('{"t":1}\nnot json')).toThrow(/line 1 must be a trace event/);
  });
});
