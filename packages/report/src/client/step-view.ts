import type { MessageColumns, StateColumns } from '../model/report-model.ts';
import { FATES } from '../model/report-model.ts';
import { el, ms } from './dom.ts';
import { lowerBound } from './time-view.ts';

/** What the step mode exposes (tests drive it). */
export interface StepHandle {
  /** Moves the cursor to event `k` (0-based, clamped); returns the event's time. */
  go(k: number): number;
  /** How many events there are (built on first use). */
  count(): number;
  /** Where the cursor is, or -1 before the first step. */
  readonly at: () => number;
}

/** How many in-flight messages the step mode lists by name. */
const IN_FLIGHT_SHOWN = 40;

/**
 * Step through a run event by event (RaftScope's and DSLabs' visual debugger's idea): a cursor
 * over every send, delivery and drop in time order; at each, every actor's state as its
 * `inspect()` last reported it, and the messages in flight at that instant. The event list is
 * built on first use, so a 100k-message page pays nothing for it until someone steps.
 */
export function stepView(parent: HTMLElement, m: MessageColumns, states: StateColumns | undefined, onCursor: (t: number) => void): StepHandle {
  const slider = el('input', { type: 'range', min: '0', max: String(Math.max(0, 2 * m.count - 1)), value: '0', id: 'step-slider', 'aria-label': 'event' });
  const prev = el('button', { type: 'button', id: 'step-prev' }, '← previous');
  const next = el('button', { type: 'button', id: 'step-next' }, 'next →');
  const label = el('span', { id: 'step-event' }, 'Press next (or → with the slider focused) to start at the first event.');
  const stateBox = el('div', { class: 'step-states', id: 'step-states' });
  const flight = el('div', { class: 'details', id: 'step-in-flight' });
  parent.append(el('div', { class: 'toolbar' }, prev, next, slider), el('div', { class: 'details' }, label), stateBox, flight);
  if (!states) stateBox.append(el('p', { class: 'help' }, 'No actor of this run defines inspect(), so no states are shown; give an actor inspect() to see its state at each step.'));

  let events: { t: Float64Array; msg: Int32Array; kind: Uint8Array } | undefined;
  let at = -1;
  // Per actor, the indexes of its states in time order (the columns already are).
  const byActor = states ? states.actors.map(() => [] as number[]) : [];
  if (states) for (let i = 0; i < states.count; i++) byActor[states.actor[i] as number]?.push(i);

  function build(): NonNullable<typeof events> {
    if (events) return events;
    const list: { t: number; msg: number; kind: number }[] = [];
    for (let i = 0; i < m.count; i++) {
      list.push({ t: m.send[i] as number, msg: i, kind: 0 });
      const end = m.end[i] as number;
      if (end >= 0) list.push({ t: end, msg: i, kind: FATES[m.fate[i] as number] === 'dropped' ? 2 : 1 });
    }
    list.sort((a, b) => a.t - b.t || a.kind - b.kind || a.msg - b.msg);
    events = { t: Float64Array.from(list, (e) => e.t), msg: Int32Array.from(list, (e) => e.msg), kind: Uint8Array.from(list, (e) => e.kind) };
    slider.max = String(Math.max(0, list.length - 1));
    return events;
  }

  function go(k: number): number {
    const e = build();
    if (e.t.length === 0) return 0;
    at = Math.max(0, Math.min(e.t.length - 1, k));
    slider.value = String(at);
    const t = e.t[at] as number;
    const i = e.msg[at] as number;
    const verb = ['sent', 'delivered', 'dropped'][e.kind[at] as number];
    const type = m.types[m.type[i] as number];
    label.textContent = `event ${at + 1} of ${e.t.length} at ${ms(t)}: ${type} #${m.id[i]} ${verb}, ${m.actors[m.src[i] as number]} → ${m.actors[m.dst[i] as number]}${verb === 'dropped' ? ` (${m.reasons[m.reason[i] as number] ?? 'dropped'})` : ''}`;
    parent.dataset['step'] = String(at);
    drawStates(t);
    drawInFlight(t);
    onCursor(t);
    return t;
  }

  function drawStates(t: number): void {
    if (!states) return;
    stateBox.textContent = '';
    const table = el('table', { class: 'counters states' });
    table.append(el('tr', {}, el('th', {}, 'actor'), el('th', {}, 'since'), el('th', {}, 'state (its inspect())')));
    states.actors.forEach((name, a) => {
      const mine = byActor[a] ?? [];
      // The last state at or before t.
      let lo = 0;
      let hi = mine.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((states.t[mine[mid] as number] as number) <= t) lo = mid + 1;
        else hi = mid;
      }
      const idx = lo > 0 ? (mine[lo - 1] as number) : -1;
      table.append(el('tr', { 'data-actor': name },
        el('td', {}, name), el('td', {}, idx < 0 ? '—' : ms(states.t[idx] as number)),
        el('td', { class: 'state' }, idx < 0 ? '(no message handled yet)' : (states.state[idx] as string))));
    });
    stateBox.append(table);
  }

  function drawInFlight(t: number): void {
    const from = lowerBound(m.send, t - m.maxSpan - 1e-9);
    const to = lowerBound(m.send, t + 1e-9);
    const flying: number[] = [];
    for (let i = from; i < to; i++) {
      const end = m.end[i] as number;
      if ((m.send[i] as number) <= t && (end < 0 || end > t)) flying.push(i);
    }
    flight.dataset['count'] = String(flying.length);
    flight.textContent = `${flying.length} in flight at ${ms(t)}${flying.length === 0 ? '' : ':\n'}` + flying.slice(0, IN_FLIGHT_SHOWN)
      .map((i) => `  ${m.types[m.type[i] as number]} #${m.id[i]} ${m.lanes[m.from[i] as number]} → ${m.lanes[m.to[i] as number]}, sent ${ms(m.send[i] as number)}`).join('\n')
      + (flying.length > IN_FLIGHT_SHOWN ? `\n  … and ${flying.length - IN_FLIGHT_SHOWN} more` : '');
  }

  prev.addEventListener('click', () => go(at - 1));
  next.addEventListener('click', () => go(at + 1));
  slider.addEventListener('input', () => go(Number(slider.value)));
  slider.addEventListener('focus', () => { build(); });
  return { go, count: () => build().t.length, at: () => at };
}
