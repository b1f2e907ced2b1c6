import { dist, type NodeId } from '@faultline/core';
import { fault, select, type FaultNetwork } from '@faultline/transport';

/** One failure mode of the network, installed on every link for one scene; returns how to remove it. */
export interface NetworkScene {
  readonly name: string;
  readonly title: string;
  readonly install: (net: FaultNetwork, sender: NodeId, receivers: readonly NodeId[]) => () => void;
}

/** The five failure modes, one scene each. */
export const NETWORK_SCENES: readonly NetworkScene[] = [
  {
    name: 'loss', title: 'loss: 20 % of frames dropped, both ways',
    install: (net) => { const r = net.install({ target: select.all(), fault: fault.drop(0.2) }); return () => { r.remove(); }; },
  },
  {
    name: 'delay', title: 'delay with a long tail: lognormal, median 5 ms, σ 1.2, on every frame',
    install: (net) => { const r = net.install({ target: select.all(), fault: fault.delay(dist.lognormal(5, 1.2)) }); return () => { r.remove(); }; },
  },
  {
    name: 'duplication', title: 'duplication: 30 % of frames delivered twice',
    install: (net) => { const r = net.install({ target: select.all(), fault: fault.duplicate(0.3) }); return () => { r.remove(); }; },
  },
  {
    name: 'reordering', title: 'reordering: 30 % of frames held back 5–40 ms, so later ones overtake them',
    install: (net) => { const r = net.install({ target: select.all(), fault: fault.reorder(0.3, dist.uniform(5, 40)) }); return () => { r.remove(); }; },
  },
  {
    name: 'one-way', title: 'an asymmetric link: data flows to the receivers, nothing flows back',
    install: (net, sender, receivers) => {
      net.partitionOneWay(receivers, [sender]);
      return () => { for (const r of receivers) net.heal(r, sender); };
    },
  },
];
