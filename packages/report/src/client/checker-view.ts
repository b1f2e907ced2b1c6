import type { HistoryModel } from '../model/report-model.ts';
import type { Anomaly } from './anomaly.ts';
import { el } from './dom.ts';
import { describeOp, type TimelineHandle } from './timeline.ts';

/**
 * The checker's verdict on a history: the badge, the explanation, and for each key that has no
 * linearization the longest linearizable prefix and the operations that cannot be placed, with
 * a button that shows them on the timeline.
 */
export function checkerView(parent: HTMLElement, h: HistoryModel, anomaly: Anomaly, timelineHandle: TimelineHandle | undefined): void {
  const check = h.check;
  if (!check) return;
  parent.append(el('p', {}, el('span', { class: `verdict ${check.verdict}`, 'data-verdict': check.verdict }, check.verdict.replace('-', ' ').toUpperCase()),
    ` under the ${h.model} model — ${h.ops.count} operations`));
  for (const k of check.perKey) {
    if (k.verdict !== 'not-linearizable') continue;
    const keyName = k.key === null ? 'the history' : `key ${k.key}`;
    const box = el('div', { class: 'anomaly', 'data-key': k.key ?? '' });
    box.append(el('h3', {}, `${keyName}: no linearization`));
    // First the fact in the model's own terms (issue 22, item 13), then the search's detail.
    for (const why of k.why ?? []) box.append(el('p', { class: 'why' }, why));
    box.append(el('p', {}, `Longest linearizable prefix: ${k.prefix.length} operations, leaving the state at ${k.state}. `,
      `The next operation must take effect${k.due >= 0 ? ` by the return of #${k.due}` : ''}, but none of these can:`));
    box.append(el('pre', { class: 'explanation' }, k.stuck.map((id) => describeOp(h, id, anomaly)).join('\n\n')));
    if (timelineHandle) {
      const show = el('button', { type: 'button' }, 'show on the timeline');
      show.addEventListener('click', () => timelineHandle.show([...k.stuck, ...(k.due >= 0 ? [k.due] : [])]));
      box.append(show);
    }
    parent.append(box);
  }
  parent.append(el('pre', { class: 'explanation' }, check.explanation));
}
