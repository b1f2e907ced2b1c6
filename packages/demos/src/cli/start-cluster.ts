import { ConfigError, type Envelope } from '@faultline/core';
import { NatsCluster, Simulation, WorkerCluster, type MessageTraceEvent, type RuntimeKind } from '@faultline/runtime';
import {
  CLUSTER_KEY_ENV, CLUSTER_KEY_FILE_ENV, FAULT_NETWORK_MODULE, FaultNetwork, forwardUpdates, generateClusterKey, JsonlTraceWriter, keyFromText, loadClusterKey, networkPresets,
} from '@faultline/transport';
import type { RunRecorder } from '@faultline/report';
import { hasClusterKey, type DemoNatsOptions } from './nats-options.ts';
import type { DemoContext } from '../demo.ts';

/** What a demo needs to start its cluster in either runtime. */
export interface StartOptions {
  readonly runtime: RuntimeKind;
  readonly seed: number | undefined;
  readonly nodes: number;
  readonly modules: readonly string[];
  readonly outDir: string;
  /** Simulator only: write every message event (send, deliver, drop) to this JSONL file. */
  readonly traceFile?: string;
  /** NATS runtime only: the server, the cluster name, and whether to attach to nodes started elsewhere. */
  readonly nats?: DemoNatsOptions;
  /** Collects the run folder of a report; in the simulator it also records every message. */
  readonly record?: RunRecorder;
  /** Told as worker nodes become ready. */
  readonly onNodeStarted?: (ready: number, total: number) => void;
}

/** A started demo cluster and how to end it (shuts the cluster down, closes any trace file). */
export type StartedCluster = Omit<DemoContext, 'options'> & { readonly dispose: () => Promise<void> };

/** Starts a cluster in the chosen runtime, with a fault network both runtimes honour. */
export async function startCluster(options: StartOptions, out: (line: string) => void): Promise<StartedCluster> {
  const networkOptions = { nodes: options.nodes, ...networkPresets.lan };
  const net = new FaultNetwork(networkOptions);
  if (options.runtime === 'sim') {
    const writer = options.traceFile === undefined ? undefined : new JsonlTraceWriter(options.traceFile);
    const record = options.record;
    const onTrace = writer && record ? (event: MessageTraceEvent, envelope: Envelope) => { writer.write(event); record.onTrace(event, envelope); }
      : writer ? (event: MessageTraceEvent) => writer.write(event)
      : record?.onTrace;
    const sim = new Simulation({
      seed: options.seed, nodes: options.nodes, network: net.attach,
      ...(onTrace ? { onTrace } : {}),
      ...(record ? { onState: record.onState } : {}),
    });
    const dispose = async () => {
      await sim.shutdown();
      writer?.close();
    };
    return { cluster: sim, net, clockFault: (node, fault) => sim.clockFault(node, fault), out, outDir: options.outDir, ...(options.record ? { record: options.record } : {}), dispose };
  }
  if (options.runtime === 'nats') {
    const nats = options.nats;
    if (!nats) throw new Error('startCluster: the nats runtime needs nats options');
    const auth = natsAuth(nats);
    out(`NATS ${nats.url}, cluster ${nats.cluster}: ${nats.attach ? 'attaching to nodes started with faultline node' : 'launching the node processes'}; ${auth.text}`);
    const cluster = await NatsCluster.start({
      seed: options.seed, nodes: options.nodes, modules: options.modules, cluster: nats.cluster, nats: nats.connect,
      launch: nats.attach ? 'none' : 'all',
      network: { module: '@faultline/transport', export: 'faultNetwork', options: networkOptions },
      ...(auth.key ? { auth: { key: auth.key } } : {}),
    });
    forwardUpdates(net, (update) => cluster.configureNetwork(update));
    return { cluster, net, clockFault: (node, fault) => cluster.clockFault(node, fault), out, outDir: options.outDir, ...(options.record ? { record: options.record } : {}), dispose: () => cluster.shutdown() };
  }
  // On workers each node routes its own frames through a mirror of the network; the controller's
  // copy here only takes rules and partitions and forwards every change to the mirrors.
  const cluster = await WorkerCluster.start({
    seed: options.seed, nodes: options.nodes, modules: options.modules,
    network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options: networkOptions },
  }, { onNodeStarted: (_node, ready, total) => options.onNodeStarted?.(ready, total) });
  forwardUpdates(net, (update) => cluster.configureNetwork(update));
  return { cluster, net, clockFault: (node, fault) => cluster.clockFault(node, fault), out, outDir: options.outDir, ...(options.record ? { record: options.record } : {}), dispose: () => cluster.shutdown() };
}

/**
 * Secure by default: the cluster key from the environment; else, for nodes this run launches, a
 * fresh key for this run only (handed to them in their environment); attaching without a key needs
 * `--insecure`, and then says what that means.
 */
function natsAuth(nats: DemoNatsOptions): { readonly key: Uint8Array | undefined; readonly text: string } {
  if (hasClusterKey()) {
    if (nats.insecure) throw new ConfigError('--insecure', true, 'must not be given with a cluster key in the environment');
    return { key: loadClusterKey(), text: 'cluster key from the environment: control, reports and frames authenticated' };
  }
  if (nats.insecure) return { key: undefined, text: 'INSECURE (--insecure): no cluster key, any client of the NATS server can control the nodes and forge their frames' };
  if (nats.attach) {
    throw new ConfigError('cluster key', undefined, `must be in $${CLUSTER_KEY_FILE_ENV} (or $${CLUSTER_KEY_ENV}) to attach to nodes, the same key as theirs; make one with \`openssl rand -hex 32 > cluster.key && chmod 600 cluster.key\`, or pass --insecure`);
  }
  return { key: keyFromText('generated key', generateClusterKey()), text: 'a fresh cluster key for this run: control, reports and frames authenticated' };
}
