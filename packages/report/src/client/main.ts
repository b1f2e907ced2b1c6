import type { ReportModel } from '../model/report-model.ts';
import { anomalyOf } from './anomaly.ts';
import { checkerView } from './checker-view.ts';
import { countersView } from './counters-view.ts';
import { el, panel } from './dom.ts';
import { latencyCharts } from './latency.ts';
import { membershipView } from './membership-view.ts';
import { raftView } from './raft-view.ts';
import { scenesView } from './scenes-view.ts';
import { clocksView } from './clocks-view.ts';
import { stepView, type StepHandle } from './step-view.ts';
import { spaceTime, type SpaceTimeHandle } from './spacetime.ts';
import { timeline, type TimelineHandle } from './timeline.ts';
import { txnCyclesView } from './txn-cycles-view.ts';

/** What the page exposes on `window.faultlineReport` for tests and the curious. */
export interface ReportHandle {
  readonly model: ReportModel;
  spaceTime?: SpaceTimeHandle;
  step?: StepHandle;
  readonly timelines: Record<string, TimelineHandle>;
  /** How long each section took to build and draw first, ms. */
  readonly timings: Record<string, number>;
  /** `performance.now()` when every section had drawn once. */
  renderedAt?: number;
}

function render(model: ReportModel): ReportHandle {
  const app = document.getElementById('app') as HTMLElement;
  app.textContent = '';
  const handle: ReportHandle = { model, timelines: {}, timings: {} };
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    handle.timings[name] = performance.now() - t0;
    return r;
  };
  app.append(el('header', { class: 'run' }, el('h1', {}, model.title), ...model.lines.map((l) => el('div', {}, l)),
    el('div', {}, 'replay: ', el('code', {}, model.replay))));
  const toc = el('nav', { class: 'toc' });
  app.append(toc);
  if (model.scenes.length > 0) {
    const s = panel(app, toc, 'scenes', 'Scenes',
      'The lesson\'s scenes in the order they ran, each with the fault it staged (shaded in that colour on every time axis) and what the demo measured. "Show in the diagrams" zooms every time axis to the scene.');
    s.dataset['scenes'] = String(scenesView(s, model.scenes, model.windows, () => [
      ...(handle.spaceTime ? [handle.spaceTime.view] : []), ...Object.values(handle.timelines).map((t) => t.view),
    ]));
  }
  if (model.clocks) {
    const clocks = model.clocks;
    const s = panel(app, toc, 'clocks', 'Clocks and stamps',
      'Each node\'s clock against true time (its line; the dashed diagonal is true time) and the stamp each write got (a point at when it truly happened and the stamp it carries). A later write with a lower point loses under last-writer-wins.');
    s.dataset['charts'] = String(clocksView(s, clocks, (name) => model.scenes.find((x) => x.name === name)?.title ?? name));
  }
  if (model.messages) {
    const s = panel(app, toc, 'spacetime', 'Space-time diagram',
      'One lane per node, time left to right (true time); an arrow per message from send to delivery, coloured by type. Shaded: partitions (red), crashes (grey), pauses (blue) on the lanes they touch. Wheel to zoom, drag to pan, double-click to reset; click an arrow for its message.');
    const messages = model.messages;
    handle.spaceTime = timed('spacetime', () => spaceTime(s, messages, model.windows, model.endMs, model.scenes));
    const st = panel(app, toc, 'step', 'Step through the run',
      'A cursor over every send, delivery and drop in time order (also drawn as a blue line on the space-time diagram); at each event, every actor\'s state as its inspect() last reported it, and the messages in flight at that instant.');
    handle.step = timed('step', () => stepView(st, messages, model.states, (t) => handle.spaceTime?.cursor(t)));
  }
  for (const h of model.histories) {
    const anomaly = anomalyOf(h);
    const t = panel(app, toc, `timeline-${h.name}`, `Operations: ${h.name}`,
      'Every client operation as a bar from call to return, one row per process (labelled by the node it talks to). Shaded: fault windows. Outlined red: operations the checker cannot place.');
    handle.timelines[h.name] = timed(`timeline-${h.name}`, () => timeline(t, h, anomaly, model.endMs));
    if (h.check) checkerView(panel(app, toc, `checker-${h.name}`, `Checker: ${h.name}`, 'The linearizability checker\'s verdict on this history.'), h, anomaly, handle.timelines[h.name]);
    const l = panel(app, toc, `latency-${h.name}`, `Latency: ${h.name}`, 'Latency of completed operations by type, over time (fault windows shaded) and as histograms. Unknown outcomes have no latency and are left out.');
    l.dataset['charts'] = String(timed(`latency-${h.name}`, () => latencyCharts(l, h, model.endMs)));
  }
  if (model.membership) {
    const s = panel(app, toc, 'membership', 'Membership', 'Each node\'s own view of every other node over time, and whether it holds a quorum.');
    s.dataset['tracks'] = String(membershipView(s, model.membership, model.windows, model.endMs));
  }
  if (model.txnCycles && model.txnCycles.length > 0) {
    const s = panel(app, toc, 'txn-cycles', 'Transaction cycles',
      'The cycle behind each transactional anomaly: one lane per process, each transaction a bar from invocation to completion in event order, and an arrow per dependency, labelled with its kind, key and versions (ww blue, wr green, rw red, process grey, realtime purple). Hover an arrow for the sentence explaining it.');
    s.dataset['charts'] = String(txnCyclesView(s, model.txnCycles));
  }
  if (model.raft) {
    const s = panel(app, toc, 'raft', 'Raft: roles, terms, commit index', 'Each Raft node\'s role over time (the term written where it changes) and, below, its commit index. Times are each node\'s own clock; shaded: fault windows.');
    s.dataset['tracks'] = String(raftView(s, model.raft, model.windows, model.endMs));
  }
  if (model.counters.length > 0) {
    const s = panel(app, toc, 'counters', 'Network counters', 'What the network did on each directed link: frames sent, delivered (duplicates included), dropped (hover for reasons), duplicated, delayed by a rule.');
    for (const c of model.counters) countersView(s, c);
  }
  return handle;
}

function start(): void {
  const scriptStart = performance.now();
  const app = document.getElementById('app') as HTMLElement;
  try {
    const text = document.getElementById('run-data')?.textContent ?? '';
    const t0 = performance.now();
    const model = JSON.parse(text) as ReportModel;
    const parsed = performance.now() - t0;
    const handle = render(model);
    handle.timings['parse'] = parsed;
    handle.timings['script-start'] = scriptStart;
    (window as unknown as { faultlineReport: ReportHandle }).faultlineReport = handle;
    requestAnimationFrame(() => {
      handle.renderedAt = performance.now();
      document.body.dataset['rendered'] = 'true';
    });
  } catch (error) {
    app.append(el('p', { class: 'error' }, `The report could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
    throw error;
  }
}

start();
