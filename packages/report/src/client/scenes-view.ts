import type { FaultWindow, SceneModel } from '../model/report-model.ts';
import { WINDOW_FILL } from './colors.ts';
import { el, ms } from './dom.ts';
import type { TimeView } from './time-view.ts';

/**
 * A lesson's scenes, one labelled section each: its title, its stretch of true time, the fault
 * windows it staged (with their shading colour) and what the demo measured. "Show" zooms every
 * time axis of the page to the scene and scrolls to the space-time diagram.
 */
export function scenesView(parent: HTMLElement, scenes: readonly SceneModel[], windows: readonly FaultWindow[], views: () => readonly TimeView[]): number {
  for (const [i, s] of scenes.entries()) {
    const faults = s.windows.map((w) => windows[w]).filter((w): w is FaultWindow => w !== undefined);
    const show = el('button', { type: 'button', 'data-show-scene': s.name }, 'show in the diagrams');
    show.addEventListener('click', () => {
      const pad = Math.max(1, (s.to - s.from) * 0.02);
      for (const v of views()) v.set(s.from - pad, s.to + pad);
      document.getElementById('spacetime')?.scrollIntoView();
    });
    parent.append(el('article', { class: 'scene', 'data-scene': s.name },
      el('h3', {}, `${i + 1}. ${s.title}`),
      el('div', { class: 'toolbar' }, el('span', {}, `${ms(s.from)} – ${ms(s.to)}`), show),
      el('div', { class: 'scene-faults' }, ...(faults.length === 0
        ? [el('span', {}, 'no fault window: the network is healthy in this scene')]
        : faults.map((w) => el('span', { 'data-window': w.kind },
          el('span', { class: 'swatch', style: `background:${WINDOW_FILL[w.kind] ?? 'rgba(0,0,0,0.08)'}` }),
          `${w.label} (${ms(w.from)} – ${ms(w.to)}${w.nodes.length > 0 ? `, ${w.nodes.join(' ')}` : ''})`)))),
      el('pre', { class: 'explanation' }, s.lines.join('\n'))));
  }
  return scenes.length;
}
