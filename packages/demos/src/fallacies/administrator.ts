import { Echo, Pinger, type PingReport } from './actors.ts';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

async function run(seed: number, timeoutMs: number): Promise<{ ok: number; unknown: number; handled: number }> {
  return withRig(seed, 2, async ({ sim }) => {
    const server = await sim.spawn('n2', 'server', Echo, { serviceMs: 80 });
    const client = await sim.spawn('n1', 'client', Pinger, undefined);
    const r = await sim.ask<PingReport>(client, { targets: [server], count: 20, need: 1, timeoutMs }, { timeoutMs: 60_000 });
    await sim.sleep(500); // the last request finishes at the service, whatever the client concluded
    const handled = await sim.ask<number>(server, 'handled');
    const unknown = r.status === 'ok' ? r.value.unknown : 20;
    return { ok: 20 - unknown, unknown, handled: handled.status === 'ok' ? handled.value : -1 };
  });
}

/** "There is one administrator": two groups configured apart, and what breaks between them. */
export const administratorScene: FallacyScene = {
  name: 'administrator',
  fallacy: 'there is one administrator',
  async run(seed) {
    const apart = await run(seed, 50);
    const agreed = await run(seed, 200);
    return [
      "Team A runs the clients on n1 with a 50 ms request timeout. Team B runs the service on n2 and turned on",
      'batching, which holds each request 80 ms. Both settings are reasonable; nobody owns both.',
      `  as configured:   ${apart.ok} ok, ${apart.unknown} timed out (unknown) — yet the service handled ${apart.handled}`,
      `  timeout 200 ms:  ${agreed.ok} ok, ${agreed.unknown} timed out — the service handled ${agreed.handled}`,
      'Every "failure" team A saw was work team B did: retried blindly, each would be done twice.',
    ];
  },
};
