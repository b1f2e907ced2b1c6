import type { FaultWindow, RaftModel, RaftTrack } from '../model/report-model.ts';
import { RAFT_ROLE_COLOR } from './colors.ts';
import { el } from './dom.ts';
import { TimeView } from './time-view.ts';

const LEFT = 110;
const TOP = 18;
const ROW = 13;
/** Height of each node's commit-index line below its role bar. */
const COMMIT_ROWS = 3;

/**
 * Raft over time: per node a bar coloured by its role (leader, candidate, pre-candidate,
 * follower) with the term written where it changes, and below it the node's commit index as a
 * line from 0 to the highest in the run. Times are each node's own clock.
 */
export function raftView(parent: HTMLElement, rm: RaftModel, windows: readonly FaultWindow[], endMs: number): number {
  const block = ROW * (1 + COMMIT_ROWS) + 6;
  const height = TOP + rm.tracks.length * block + 8;
  const canvas = el('canvas', { class: 'view', id: 'raft-canvas' });
  const legend = el('div', { class: 'toolbar legend' },
    ...Object.entries(RAFT_ROLE_COLOR).map(([s, c]) => el('span', {}, el('span', { class: 'swatch', style: `background:${c}` }), s)),
    el('span', {}, el('span', { class: 'swatch', style: 'background:#1d2330' }), 'commit index (line)'));
  parent.append(canvas, legend);
  canvas.dataset['tracks'] = String(rm.tracks.length);
  const view = new TimeView(canvas, 0, endMs, draw, () => undefined);

  const until = (t: RaftTrack, i: number) => (i + 1 < t.at.length ? (t.at[i + 1] as number) : endMs);

  function draw(): void {
    const ctx = view.beginFrame(canvas, parent, height, LEFT);
    view.shadeWindows(ctx, windows, TOP, height);
    view.drawAxis(ctx, TOP - 4, height);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    let y = TOP;
    for (const t of rm.tracks) {
      ctx.fillStyle = '#1d2330';
      ctx.fillText(t.node, 4, y + ROW / 2);
      ctx.fillStyle = '#667085';
      ctx.fillText('role, term', LEFT - 56, y + ROW / 2);
      ctx.fillText(`commit ≤ ${rm.maxCommit}`, LEFT - 70, y + ROW + (COMMIT_ROWS * ROW) / 2);
      let lastLabelX = -Infinity;
      for (let i = 0; i < t.at.length; i++) {
        // One bar per stretch of the same role and term (commit-index changes inside it do not split it).
        let j = i;
        while (j + 1 < t.at.length && t.role[j + 1] === t.role[i] && t.term[j + 1] === t.term[i]) j++;
        const x0 = Math.max(LEFT, view.x(t.at[i] as number));
        const x1 = Math.min(view.right, view.x(until(t, j)));
        const first = i;
        i = j;
        if (x1 <= x0) continue;
        ctx.fillStyle = RAFT_ROLE_COLOR[t.role[first] as string] ?? '#999';
        ctx.fillRect(x0, y, x1 - x0, ROW - 1);
        const termChanged = first === 0 || t.term[first] !== t.term[first - 1];
        if (termChanged && x0 - lastLabelX > 18) {
          ctx.fillStyle = '#1d2330';
          ctx.fillText(String(t.term[first]), x0 + 2, y + ROW / 2);
          lastLabelX = x0;
        }
      }
      // The commit index: a step line, 0 at the bottom of the block, the run's highest at the top.
      const base = y + ROW * (1 + COMMIT_ROWS);
      const scale = (COMMIT_ROWS * ROW - 2) / Math.max(1, rm.maxCommit);
      ctx.strokeStyle = '#1d2330';
      ctx.beginPath();
      for (let i = 0; i < t.at.length; i++) {
        const x0 = Math.max(LEFT, view.x(t.at[i] as number));
        const x1 = Math.min(view.right, view.x(until(t, i)));
        const cy = base - (t.commit[i] as number) * scale;
        if (i === 0) ctx.moveTo(x0, cy);
        else ctx.lineTo(x0, cy);
        ctx.lineTo(Math.max(x0, x1), cy);
      }
      ctx.stroke();
      y += block;
    }
  }

  draw();
  return rm.tracks.length;
}
