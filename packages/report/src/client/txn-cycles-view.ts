import type { TxnCycleChart } from '../model/txn-cycle-chart.ts';
import { el } from './dom.ts';
import { txnCycleSvg } from './txn-cycle-svg.ts';

/** Appends one drawn cycle per chart to `root`, each with its explanation; returns how many. */
export function txnCyclesView(root: HTMLElement, charts: readonly TxnCycleChart[]): number {
  for (const c of charts) {
    const box = el('div', { class: 'txn-cycle-box' });
    // The SVG text is built with every name, key and sentence escaped (txn-cycle-svg.ts).
    box.innerHTML = txnCycleSvg(c);
    const list = el('ul', {}, ...c.edges.map((e) => el('li', {}, `${c.txns[e.from]?.name ?? '?'} < ${c.txns[e.to]?.name ?? '?'}: ${e.text}`)));
    root.append(el('h3', {}, `${c.type}: ${c.txns.map((t) => t.name).join(' → ')} → ${c.txns[0]?.name ?? ''}`), box, list);
  }
  return charts.length;
}
