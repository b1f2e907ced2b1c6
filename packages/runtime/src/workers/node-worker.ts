/**
 * The entry of a node's worker thread (imported by `bootstrap.mjs` once tsx is registered):
 * loads the actor and network modules, builds the node, connects its mesh ports, starts its boot
 * actors, exposes the control plane, and reports `ready`. A failure here is a failed start.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { expose } from 'comlink';
import { createRng, errorText, type NodeId } from '@faultline/core';
import type { LinkLayer } from '@faultline/transport';
import { ActorRegistry } from '../host/actor-registry.ts';
import { nodeEndpoint } from './endpoint.ts';
import { applyNetworkUpdate, loadLinkLayer, networkRng } from '../host/network-loader.ts';
import { NodeControlService } from '../host/node-control.ts';
import type { WorkerInit } from '../host/protocol.ts';
import { ReportSink } from './report-sink.ts';
import { clusterTime, NodeClock } from '../host/node-clock.ts';
import { createWireNode } from '../host/wire-node.ts';
import { damageEvent, FileStorage } from '../host/storage/file-storage.ts';

const init = workerData as WorkerInit;
if (!parentPort) throw new Error('node-worker.ts must run in a worker thread (start nodes with WorkerCluster.start)');
const control = parentPort;
const reports = new ReportSink(init.reports);
const trueNow = clusterTime(init.originEpochMs);
const clock = new NodeClock(trueNow, init.seed, init.node, init.clock, init.clockFaults);

const registry = await ActorRegistry.load(init.modules);
let link: LinkLayer | undefined;
if (init.network) {
  link = await loadLinkLayer(init.network, networkRng(createRng(init.seed), init.node, init.incarnation));
  for (const update of init.networkUpdates) applyNetworkUpdate(link, update);
}

let dead = false;
const storage = new FileStorage(init.storageFile);
const node = createWireNode({
  node: init.node,
  clusterNodes: init.clusterNodes,
  incarnation: init.incarnation,
  seed: init.seed,
  stamping: init.stamping,
  ...(init.mailboxCapacity === undefined ? {} : { mailboxCapacity: init.mailboxCapacity }),
  storage,
  trueNow,
  clock,
  link,
  auth: init.auth,
  authScope: { cluster: '', run: init.authRun },
  emit: (event) => reports.push({ t: 'event', event }),
  log: (record) => reports.push({ t: 'log', record }),
  fatal: (error) => {
    // An escalated failure reached the top: freeze everything and let the controller end the thread.
    if (dead) return;
    dead = true;
    node.host.pause();
    node.mesh.close();
    reports.flush();
    init.reports.postMessage([{ t: 'fatal', error: errorText(error) }]);
  },
});

for (const [peer, port] of Object.entries(init.peers)) node.mesh.connect(peer as NodeId, port);
for (const actor of init.boot) node.host.spawn(actor.name, registry.get(actor.kind), actor.props);
expose(new NodeControlService(node, registry, link, clock, storage), nodeEndpoint(control));
if (storage.damage) reports.push({ t: 'event', event: damageEvent(init.node, storage.damage) });
reports.push({ t: 'ready' });
reports.flush();
