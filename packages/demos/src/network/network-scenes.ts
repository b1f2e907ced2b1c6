import { dist, type NodeId } from '@faultline/core';
import { fault, select, type FaultNetwork } from '@faultline/transport';

/** One failure mode of the network, installed on every link for one scene; returns how to remove it. */
export interface NetworkScene {
  readonly name: string;
  /** The probability of the fault on each frame, when the scene has one (`--p` sets it). */
  readonly p?: number;
  /** The scene's heading for a probability (`p` when not given). */
  readonly title: (p: number) => string;
  readonly install: (net: FaultNetwork, sender: NodeId, receivers: readonly NodeId[], p: number) => () => void;
}

const pct = (p: number) => `${+(p * 100).toFixed(1)} %`;

/** The five failure modes, one scene each. */
export const NETWORK_SCENES: readonly NetworkScene[] = [
  {
    name: 'loss', p: 0.2, title: (p) => `loss: ${pct(p)} of frames dropped, both ways`,
    install: (net, _s, _r, p) => { const r = net.install({ target: select.all(), fault: fault.drop(p) }); return () => { r.remove(); }; },
  },
  {
    name: 'delay', title: () => 'delay with a long tail: lognormal, median 5 ms, σ 1.2, on every frame',
    install: (net) => { const r = net.install({ target: select.all(), fault: fault.delay(dist.lognormal(5, 1.2)) }); return () => { r.remove(); }; },
  },
  {
    name: 'duplication', p: 0.3, title: (p) => `duplication: ${pct(p)} of frames delivered twice`,
    install: (net, _s, _r, p) => { const r = net.install({ target: select.all(), fault: fault.duplicate(p) }); return () => { r.remove(); }; },
  },
  {
    name: 'reordering', p: 0.3, title: (p) => `reordering: ${pct(p)} of frames held back 5–40 ms, so later ones overtake them`,
    install: (net, _s, _r, p) => { const r = net.install({ target: select.all(), fault: fault.reorder(p, dist.uniform(5, 40)) }); return () => { r.remove(); }; },
  },
  {
    name: 'one-way', title: () => 'an asymmetric link: data flows to the receivers, nothing flows back',
    install: (net, sender, receivers) => {
      net.partitionOneWay(receivers, [sender]);
      return () => { for (const r of receivers) net.heal(r, sender); };
    },
  },
];
