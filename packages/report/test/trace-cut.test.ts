import { describe, expect, it } from 'vitest';
import { cutTraceText, TRACE_NAME_CHARS, traceToJsonl } from '@faultline/transport';
import { runTraceEvent, runTraceLine } from '../src/index.ts';

// Issue 21: the run trace kept message `type` and actor names uncut: 193 MB for 2,000 messages
// (report 191 MB). Both trace formats now cut them, with a marker.
describe('trace lines cut long names and types', () => {
  const longActor = `worker-${'a'.repeat(240)}`; // within the wire's 255-byte name bound
  const event = { t: 1, ev: 'send' as const, from: 'n1', to: 'n2', src: `${longActor}@n1`, dst: 'b@n2', kind: 'tell', id: 1, bytes: 10 };
  const envelope = { from: { node: 'n1', name: longActor }, to: { node: 'n2', name: 'b' }, kind: 'tell', id: 1, payload: { type: 'T'.repeat(100_000) } } as never;

  it('a 100 KB message type and a 240-character actor name cost a short line in the run trace', () => {
    const e = runTraceEvent(event, envelope);
    expect(e.type).toBe(`${'T'.repeat(TRACE_NAME_CHARS - 1)}…`);
    expect(e.src).toBe(`${longActor.slice(0, TRACE_NAME_CHARS - 1)}…`);
    expect(e.dst).toBe('b@n2');
    expect(runTraceLine(e).length).toBeLessThan(800);
  });

  it('the --trace JSONL cuts addresses the same way', () => {
    const line = JSON.parse(traceToJsonl(event)) as { src: string; dst: string };
    expect(line.src).toHaveLength(TRACE_NAME_CHARS);
    expect(line.src.endsWith('…')).toBe(true);
    expect(line.dst).toBe('b@n2');
  });

  it('keeps short text whole and never splits a surrogate pair', () => {
    expect(cutTraceText('short')).toBe('short');
    const emoji = `${'x'.repeat(TRACE_NAME_CHARS - 3)}😀😀😀`;
    const cut = cutTraceText(emoji);
    expect(cut.length).toBeLessThanOrEqual(TRACE_NAME_CHARS);
    expect((cut as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });
});
