import type { CountersModel, LinkRow } from '../model/report-model.ts';
import { el } from './dom.ts';

const COLUMNS = ['sent', 'delivered', 'dropped', 'duplicated', 'delayed'] as const;

/** Per-link counters as a table (drop reasons in the cell's tooltip), and messages per operation. */
export function countersView(parent: HTMLElement, c: CountersModel): number {
  parent.append(el('h3', {}, c.name + (c.messagesPerOp === undefined ? '' : ` — ${c.messagesPerOp.toFixed(1)} messages between nodes per client operation`)));
  const table = el('table', { class: 'counters', 'data-counters': c.name });
  table.append(el('tr', {}, el('th', {}, 'link'), ...COLUMNS.map((k) => el('th', {}, k))));
  const max = Math.max(1, ...c.links.map((l) => l.sent));
  const line = (r: LinkRow, total: boolean) => {
    const tr = el('tr', total ? { class: 'total' } : {}, el('td', {}, r.link));
    for (const k of COLUMNS) {
      const td = el('td', {}, r[k].toLocaleString('en-US'));
      if (k === 'dropped' && r.dropped > 0) td.title = Object.entries(r.dropReasons).map(([why, n]) => `${why}: ${n}`).join(', ');
      if (k === 'sent' && !total) td.style.background = `linear-gradient(90deg, rgba(78,121,167,0.18) ${(r.sent / max) * 100}%, transparent 0)`;
      tr.append(td);
    }
    return tr;
  };
  for (const r of c.links) table.append(line(r, false));
  table.append(line(c.total, true));
  parent.append(table);
  return c.links.length;
}
