import { siblingModule } from '@faultline/runtime';
import { address, type NodeId } from '@faultline/core';
import { diffCounters, type LinkCounters } from '@faultline/transport';
import type { Demo } from '../demo.ts';
import { networkInfo } from './network-info.ts';
import { quantile } from '../render/histogram.ts';
import { CarefulReceiver, CarefulSender, type ReceiverReport, type SenderReport } from './careful-stream.ts';
import { NaiveReceiver, NaiveSender, type NaiveReport } from './naive-stream.ts';
import { NETWORK_SCENES } from './network-scenes.ts';
import { SceneLog } from '../scene-log.ts';

const ITEMS = 20;
const EVERY_MS = 5;
const RIGHT_SUM = (ITEMS * (ITEMS + 1)) / 2;
const ACTOR_MODULES = ['./naive-stream.ts', './careful-stream.ts'].map((m) => siblingModule(import.meta.url, m));

const frames = (c: LinkCounters | undefined) => c
  ? `${c.sent} sent, ${c.delivered} delivered, ${c.dropped} dropped, ${c.duplicated} duplicated, ${c.reordered} reordered, ${c.delayed} delayed`
  : 'nothing';

/** `faultline demo network`: the five ways a network fails a stream, a naive receiver and a careful one side by side. */
export const networkDemo: Demo = {
  ...networkInfo,
  actorModules: ACTOR_MODULES,
  async run(context) {
    const { cluster, net, out } = context;
    const [src, naiveAt, carefulAt] = cluster.nodes as [NodeId, NodeId, NodeId];
    const only = context.options.get('scene');
    const pText = context.options.get('p');
    out(`${src} streams the numbers 1…${ITEMS}, one every ${EVERY_MS} ms, twice: to a naive receiver on ${naiveAt} (a running`);
    out(`sum, no checks) and to a careful one on ${carefulAt} (sequence numbers, dedupe, in-order delivery, cumulative`);
    out(`acks; its sender retransmits an item unacknowledged after 40 ms, at most 8 times). The right sum is ${RIGHT_SUM}.\n`);
    let allRight = true;
    for (const [i, scene] of NETWORK_SCENES.entries()) {
      if (only !== undefined && scene.name !== only) continue;
      const tag = `${scene.name}`;
      const p = pText === undefined ? (scene.p ?? 0) : Number(pText);
      const log = new SceneLog(context, scene.name, `${scene.title(p)} (naive receiver on ${naiveAt}, careful on ${carefulAt})`);
      const naive = { tx: await cluster.spawn(src, `naive-tx-${tag}`, NaiveSender, undefined), rx: await cluster.spawn(naiveAt, `naive-rx-${tag}`, NaiveReceiver, undefined) };
      const careful = { tx: await cluster.spawn(src, `careful-tx-${tag}`, CarefulSender, undefined), rx: await cluster.spawn(carefulAt, `careful-rx-${tag}`, CarefulReceiver, undefined) };
      const before = net.counters.snapshot();
      const remove = scene.install(net, src, [naiveAt, carefulAt], p);
      const oneWay = scene.name === 'one-way';
      log.fault(oneWay ? 'partition' : 'link-fault', [src, naiveAt, carefulAt], oneWay ? `${naiveAt},${carefulAt} -/-> ${src}: no acks come back` : scene.title(p));
      cluster.tell(naive.tx, { type: 'start', to: naive.rx, count: ITEMS, everyMs: EVERY_MS });
      cluster.tell(careful.tx, { type: 'start', to: careful.rx, count: ITEMS, everyMs: EVERY_MS, rtoMs: 40, maxTries: 8 });
      await cluster.sleep(1_000);
      remove();
      log.fault(oneWay ? 'heal' : 'remove-link-fault', [src, naiveAt, carefulAt], 'removed');
      const counters = diffCounters(before, net.counters.snapshot());
      const ask = async <R>(to: ReturnType<typeof address>) => {
        const r = await cluster.ask<R>(to, { type: 'report' });
        if (r.status !== 'ok') throw new Error(`${to.name} did not report: ${r.status}`);
        return r.value;
      };
      const n = await ask<NaiveReport>(naive.rx);
      const rx = await ask<ReceiverReport>(careful.rx);
      const tx = await ask<SenderReport>(careful.tx);
      const inOrder = rx.delivered.length === ITEMS && rx.delivered.every((v, j) => v === j + 1);
      if (!inOrder || rx.sum !== RIGHT_SUM) allRight = false;
      out(`━━ ${i + 1}. ${scene.title(p)}`);
      log.out(`  frames ${src}->${naiveAt}: ${frames(counters.links[`${src}->${naiveAt}`])}`);
      log.out(`  frames ${src}->${carefulAt}: ${frames(counters.links[`${src}->${carefulAt}`])}`);
      log.out(`  frames ${carefulAt}->${src} (acks): ${frames(counters.links[`${carefulAt}->${src}`])}`);
      const wrong = n.sum === RIGHT_SUM ? 'right' : `WRONG by ${n.sum - RIGHT_SUM}`;
      // A value older than one already seen, taken as the latest, is as wrong as a wrong sum (issue 22 item 7).
      const order = n.outOfOrder === 0 ? '0 out of order' : `${n.outOfOrder} out of order (its "latest" went back to an older value ${n.outOfOrder} times: WRONG)`;
      const latest = n.last === ITEMS ? `ends on ${n.last} (right)` : `ends on ${n.last} as the latest (WRONG: ${ITEMS} was sent last)`;
      log.out(`  naive:   sum ${n.sum} (${wrong}) from ${n.count} arrivals, ${order}; ${latest}; latency p50 ${quantile(n.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(n.latencies, 0.99).toFixed(1)} ms, max ${Math.max(...n.latencies).toFixed(1)} ms`);
      log.out(`  careful: delivered ${rx.delivered.length} items${inOrder ? ', 1…' + ITEMS + ' in order' : ''}, sum ${rx.sum}; dropped ${rx.duplicatesDropped} duplicates, buffered ${rx.buffered} early arrivals`);
      log.out(`           sender: ${tx.sent} sends, ${tx.retransmissions} retransmissions, ${tx.acked} acknowledged, ${tx.unconfirmed} given up unconfirmed`);
      out('');
      log.end();
    }
    out('The naive receiver cannot tell a missing number from one never sent, a copy from a new value, or an old');
    out('value from the latest. Numbers, dedupe, acks and retransmission fix all of that — except the one-way link:');
    out('the data arrived, but without acks the sender cannot tell a dead return path from lost data.');
    return allRight ? 0 : 1;
  },
};
