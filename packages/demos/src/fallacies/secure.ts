import { createRng, defineActor, type ActorName, type Address, type NodeEvent, type NodeId } from '@faultline/core';
import { encodeEnvelope, FrameAuth } from '@faultline/transport';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

/** Pays out whatever the teller on n1 tells it to; trusts the sender field of the frame. */
export const Vault = defineActor<{ readonly payTo: string; readonly amount: number } | 'paid', void>({
  kind: 'demo.fallacies.vault',
  setup() {
    const paid: string[] = [];
    return {
      receive(message, incoming) {
        if (message === 'paid') return paid;
        if (incoming.from.node === 'n1') paid.push(`${message.amount} to ${message.payTo}`);
        return undefined;
      },
    };
  },
});

/** An order from n1's teller to the vault: mallory's forgery (to mallory) or the teller's real one (to bob). */
function order(vault: Address, payTo: string, amount: number, id: number): Uint8Array {
  return encodeEnvelope({ from: { node: 'n1' as NodeId, name: 'teller' as ActorName }, to: vault, kind: 'tell', id, payload: { payTo, amount } });
}

async function attempt(seed: number, withAuth: boolean): Promise<{ paid: string[]; rejected: string[] }> {
  // The cluster key, drawn from the seed so the run replays (a deployment would load it from a secret).
  const rng = createRng(seed).derive('cluster-key');
  const auth = withAuth ? { auth: { key: Uint8Array.from({ length: 32 }, () => rng.int(256)) } } : {};
  return withRig(seed, 2, async ({ sim }) => {
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const vault = await sim.spawn('n2', 'vault', Vault, undefined);
    sim.injectFrame('n2', order(vault, 'mallory', 1_000_000, 1));
    // A forger who guesses a key fares no better than one with none.
    const guess = new FrameAuth({ key: Uint8Array.from({ length: 32 }, (_, i) => i + 1) }, ['n1']);
    sim.injectFrame('n2', guess.seal('n1', 'n2', order(vault, 'mallory', 1_000_000, 2)));
    // The teller's real order to bob, exactly as it crossed the wire (sealed when auth is on); mallory
    // captured it and puts the same bytes on the wire again: the per-link sequence number is not fresh.
    const real = sim.wireFrame('n1', 'n2', order(vault, 'bob', 10, 3));
    sim.injectFrame('n2', real, 1);
    sim.injectFrame('n2', real, 2);
    await sim.sleep(10);
    const r = await sim.ask<string[]>(vault, 'paid');
    const rejected = events.flatMap((e) => (e.type === 'frame-rejected' ? [`${e.reason} (${e.detail})`] : []));
    return { paid: r.status === 'ok' ? r.value : [], rejected };
  }, auth);
}

/** "The network is secure": forged and replayed frames believed without authentication, rejected with a keyed MAC and sequence. */
export const secureScene: FallacyScene = {
  name: 'secure',
  fallacy: 'the network is secure',
  async run(seed) {
    const open = await attempt(seed, false);
    const sealed = await attempt(seed, true);
    return [
      'A vault on n2 pays out whatever n1 orders. Mallory, a host on the network, puts two frames on the wire to n2 that',
      "claim to come from n1: one plain, one sealed with a guessed key; then she replays n1's real order to bob, captured on the wire.",
      `without frame auth: the vault paid ${open.paid.length} order(s): ${open.paid.join('; ') || 'none'}`,
      `with a keyed MAC on every frame (Simulation auth option; workers take the same): paid ${sealed.paid.length}; rejected ${sealed.rejected.length}:`,
      ...sealed.rejected.map((r) => `  ${r}`),
    ];
  },
};
