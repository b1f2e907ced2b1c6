import { formatAddress, type Envelope } from '@faultline/core';

/** One thing that can happen next: a message delivered, dropped or duplicated, or a node's next timer. */
export type Choice =
  | { readonly kind: 'deliver' | 'drop' | 'duplicate'; readonly message: number }
  | { readonly kind: 'timer'; readonly timer: number };

/** A stable name for a choice within one path (message and timer numbers are assigned in order). */
export function choiceKey(c: Choice): string {
  return c.kind === 'timer' ? `t${c.timer}` : `${KEY_LETTER[c.kind]}${c.message}`;
}

const KEY_LETTER = { deliver: 'd', drop: 'x', duplicate: 'u' } as const;

/** Parses a key written by {@link choiceKey}; undefined when malformed. */
export function parseChoiceKey(key: string): Choice | undefined {
  const m = /^([tdxu])(\d{1,9})$/.exec(key);
  if (!m) return undefined;
  const n = Number(m[2]);
  switch (m[1]) {
    case 't': return { kind: 'timer', timer: n };
    case 'd': return { kind: 'deliver', message: n };
    case 'x': return { kind: 'drop', message: n };
    case 'u': return { kind: 'duplicate', message: n };
    default: return undefined;
  }
}

/** A message in flight, numbered in the order it was sent. */
export interface InFlight {
  readonly id: number;
  readonly envelope: Envelope;
  /** From the driver: never dropped or duplicated. */
  readonly reliable: boolean;
}

/** How a trace line names a message: `n1/general -> n2/general messenger {"n":1}`. */
export function describeMessage(m: InFlight): string {
  const p = m.envelope.payload as { type?: unknown } | undefined;
  const typed = typeof p === 'object' && p !== null && typeof p.type === 'string';
  const type = typed ? (p as { type: string }).type : '';
  let body = '';
  try {
    const rest = typed ? Object.fromEntries(Object.entries(p as object).filter(([k]) => k !== 'type')) : p;
    body = JSON.stringify(rest) ?? '';
  } catch {
    body = '…';
  }
  if (body.length > 80) body = `${body.slice(0, 77)}…`;
  const kind = m.envelope.kind === 'reply' || m.envelope.kind === 'fail' ? m.envelope.kind : '';
  return [`${formatAddress(m.envelope.from)} -> ${formatAddress(m.envelope.to)}`, kind, type, body && body !== '{}' ? body : ''].filter((x) => x !== '').join(' ');
}
