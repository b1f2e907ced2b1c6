/** A message event as a trace records it (see `MessageTraceEvent`). */
export interface SequenceEvent {
  readonly t: number;
  readonly ev: 'send' | 'deliver' | 'drop';
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly id: number;
  readonly reason?: string;
}

const LANE = 12;

/**
 * Draws a message sequence diagram in text, one line per delivered or dropped message, one
 * lane per node (in order of first appearance): `--ask-->` delivered, `--ask--x` dropped.
 */
export function renderSequence(events: readonly SequenceEvent[]): string[] {
  const shown = events.filter((e) => e.ev !== 'send');
  const lanes: string[] = [];
  for (const e of events) for (const n of [e.from, e.to]) if (!lanes.includes(n)) lanes.push(n);
  const width = (lanes.length + 1) * LANE;
  const header = lanes.map((n) => n.padEnd(LANE)).join('');
  const lines = [`${''.padStart(10)}  ${header}`];
  for (const e of shown) {
    const row = Array.from<unknown, string>({ length: width }, (_, i) => (i % LANE === 0 && i < lanes.length * LANE ? '|' : ' '));
    const a = lanes.indexOf(e.from) * LANE;
    const b = lanes.indexOf(e.to) * LANE;
    // Ids count from 2^32 × incarnation; the low part is the per-incarnation sequence.
    const label = `${e.kind}#${e.id % 2 ** 32}`;
    if (a === b) {
      placeText(row, a + 1, `(${label} to itself)`);
    } else if (a < b) {
      // Left to right: the label rides the arrow; a drop ends in `x` part of the way.
      const end = e.ev === 'drop' ? Math.min(b - 1, Math.max(a + label.length + 4, Math.round((a + b) / 2))) : b - 1;
      for (let i = a + 1; i < end; i++) row[i] = '-';
      row[end] = e.ev === 'drop' ? 'x' : '>';
      placeText(row, a + 2, label);
    } else {
      // Right to left: the head is at the receiver's lane; a drop's `x` sits part of the way back.
      const head = e.ev === 'drop' ? Math.max(b + 1, Math.min(a - label.length - 4, Math.round((a + b) / 2))) : b + 1;
      for (let i = head + 1; i < a; i++) row[i] = '-';
      row[head] = e.ev === 'drop' ? 'x' : '<';
      placeText(row, head + 1, label);
    }
    const note = e.ev === 'drop' ? `  dropped: ${e.reason ?? 'lost'}` : '';
    lines.push(`${e.t.toFixed(3).padStart(10)}  ${row.join('').trimEnd()}${note}`);
  }
  return lines;
}

function placeText(row: string[], at: number, text: string): void {
  for (let i = 0; i < text.length && at + i < row.length; i++) row[at + i] = text[i] as string;
}
