import { describe, expect, it } from 'vitest';
import { checkOperations, counterModel, type Operation } from '@faultline/checker';
import { nodeId } from '@faultline/core';
import { keyVerdicts } from '../src/model/operations.ts';
import type { NemesisLogEntry } from '@faultline/transport';
import { FATES, faultWindows, messageColumns, nemesisRecord, scriptSafe, type RunTraceEvent } from '../src/index.ts';

const ev = (t: number, ev: RunTraceEvent['ev'], from: string, to: string, id: number, extra: Partial<RunTraceEvent> = {}): RunTraceEvent => ({
  t, ev, from, to, src: `a@${from}`, dst: `b@${to}`, kind: 'tell', id, bytes: 10, ...extra,
});

describe('messages of a trace', () => {
  const trace: RunTraceEvent[] = [
    ev(0, 'send', 'n1', 'n2', 1, { type: 'ping', lamport: 3, hlc: '0.1', payload: '{"type":"ping"}' }),
    ev(0.5, 'send', 'n2', 'n1', 1, { type: 'ack' }),
    ev(1, 'deliver', 'n1', 'n2', 1),
    ev(1, 'drop', 'n2', 'n1', 1, { reason: 'partition' }),
    ev(2, 'send', 'n1', 'n1', 2),
    ev(2, 'deliver', 'n1', 'n1', 2),
    ev(3, 'send', 'n1', 'n3', 3, { type: 'ping' }),
    ev(4, 'deliver', 'n1', 'n3', 3),
    ev(6, 'deliver', 'n1', 'n3', 3),
    ev(7, 'send', 'driver', 'n3', 1, { kind: 'ask' }),
    ev(8, 'deliver', 'n9', 'n3', 99),
  ];
  const { columns: m, local } = messageColumns(trace, ['n1', 'n2', 'n3']) ?? { columns: undefined, local: -1 };

  it('has one entry per message between two nodes, known by sender and id; self-sends are only counted', () => {
    expect(m?.count).toBe(4);
    expect(local).toBe(1);
    expect(m?.lanes).toEqual(['driver', 'n1', 'n2', 'n3']);
  });

  it('gives each message its fate: delivered, dropped with the reason, duplicated with every copy, in flight', () => {
    if (!m) throw new Error('no messages');
    expect(m.fate.map((f) => FATES[f])).toEqual(['delivered', 'dropped', 'duplicated', 'in-flight']);
    expect(m.end).toEqual([1, 1, 4, -1]);
    expect(m.reasons[m.reason[1] as number]).toBe('partition');
    expect(m.copies['2']).toEqual([6]);
    expect(m.maxSpan).toBe(3);
  });

  it('keeps type, stamps and payload of each send, interning repeated strings', () => {
    if (!m) throw new Error('no messages');
    expect(m.type.map((t) => m.types[t])).toEqual(['ping', 'ack', 'ping', 'ask']);
    expect(m.lamport).toEqual([3, -1, -1, -1]);
    expect(m.hlc[0]).toBe('0.1');
    expect(m.payloads[m.payload[0] as number]).toBe('{"type":"ping"}');
    expect(m.payload[1]).toBe(m.payload[2]);
  });
});

describe('fault windows from nemesis steps', () => {
  it('pairs partition with heal, crash with the restart of that node; open ones run to the end', () => {
    const windows = faultWindows([
      { t: 10, op: { kind: 'partition', plan: { groups: [['n1'], ['n2', 'n3']] } }, text: 'split' },
      { t: 20, op: { kind: 'crash', nodes: ['n2'] }, text: 'crash n2' },
      { t: 25, op: { kind: 'crash', nodes: ['n3'] }, text: 'crash n3' },
      { t: 30, op: { kind: 'heal' }, text: 'heal' },
      { t: 40, op: { kind: 'restart', nodes: ['n3'] }, text: 'restart n3' },
      { t: 45, op: { kind: 'clock', nodes: ['n1'] }, text: 'clock' },
    ], 100);
    expect(windows.map((w) => [w.kind, w.from, w.to, w.nodes.join(',')])).toEqual([
      ['partition', 10, 30, 'n1,n2,n3'],
      ['crash', 20, 100, 'n2'],
      ['crash', 25, 40, 'n3'],
      ['clock', 45, 100, 'n1'],
    ]);
  });

  it('draws no window for a step the nemesis skipped, and keeps its lateness and reason in the record', () => {
    const partition = { kind: 'partition' as const, plan: { blocked: [], groups: [[nodeId('n1')], [nodeId('n2')]], shape: 'isolate-node' as const } };
    const entries: NemesisLogEntry[] = [
      { at: 10, now: 12, lateMs: 2, op: partition, text: 'split', ok: true },
      { at: 20, now: 30, op: { kind: 'heal' }, text: 'heal', ok: false, skipped: true, error: 'the nemesis was stopped before this step was due' },
      { at: 40, now: 30, op: { kind: 'crash', nodes: [nodeId('n2')] }, text: 'crash n2', ok: false, skipped: true, error: 'stopped' },
    ];
    const records = entries.map((e) => nemesisRecord(e, e.now ?? e.at));
    expect(records[0]).toEqual({ t: 12, op: partition, text: 'split', lateMs: 2 });
    expect(records[1]?.skipped).toMatch(/stopped before/);
    expect(faultWindows(records, 100).map((w) => [w.kind, w.from, w.to])).toEqual([['partition', 12, 100]]);
  });
});

describe('inlining data in a script element', () => {
  it('leaves no "<" that could close the element, and parses back to the same value', () => {
    const value = { text: '</script><script>alert(1)</script> <!-- \u2028' };
    const safe = scriptSafe(JSON.stringify(value));
    expect(safe).not.toContain('<');
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('checker verdicts for the page', () => {
  it("carry the model's own explanation of each stuck operation", () => {
    const op = (id: number, f: string, input: unknown, output: unknown, call: number, ret: number) =>
      ({ id, process: id, f, key: undefined, input, output, call, return: ret, status: 'ok' as const });
    const check = checkOperations(counterModel, [op(0, 'add', 2, null, 0, 1), op(1, 'read', null, 1, 2, 3)] as Operation[]);
    const [k] = keyVerdicts(check);
    expect(k?.why).toEqual(['#1: the read returned 1, below the 2 that the 1 add acknowledged before it began (at 2) sum to.']);
  });
});
