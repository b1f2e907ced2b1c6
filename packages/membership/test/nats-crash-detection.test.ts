// Issue 13, item 5: a node process killed with SIGKILL over a real NATS server; SWIM on the other
// processes marks it down within the crash-detection bound of its config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '@faultline/core';
import { NatsCluster } from '@faultline/runtime';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '@faultline/runtime/nats-testing';
import { crashDetectionBoundMs, Membership, MEMBERSHIP_ACTOR, membershipConfig, membershipProps, type MembershipConfigInput, type MembershipView } from '../src/index.ts';

const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);
const ACTORS = new URL('../src/actor.ts', import.meta.url).href;
// LAN settings scaled down 4×, so the test takes seconds: real processes, real timers.
const CONFIG: MembershipConfigInput = { preset: 'lan', probeIntervalMs: 250, probeTimeoutMs: 125, gossipIntervalMs: 50 };

describe.skipIf(!available)('SWIM over NATS node processes', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('marks a SIGKILLed node process down on the other nodes within the crash-detection bound', async () => {
    const cluster = await NatsCluster.start({ seed: 3, nodes: 3, cluster: 'swim', nats: { servers: server.url }, modules: [ACTORS] });
    try {
      const members: Address[] = [];
      for (const node of cluster.nodes) members.push(await cluster.spawn(node, MEMBERSHIP_ACTOR, Membership, membershipProps({ config: CONFIG })));
      const statusOf = async (observer: number, node: string) => {
        const outcome = await cluster.ask<MembershipView>(members[observer]!, { type: 'view' }, { timeoutMs: 2_000 });
        return outcome.status === 'ok' ? outcome.value.members.find((m) => m.node === node)?.status : undefined;
      };
      await expect.poll(async () => [await statusOf(0, 'n3'), await statusOf(1, 'n3')], { timeout: 15_000, interval: 100 }).toEqual(['alive', 'alive']);

      const pid = cluster.pidOf('n3');
      expect(pid).toBeTypeOf('number');
      const down = new Promise((resolve) => cluster.events.once('node-down', resolve));
      const killedAt = Date.now();
      process.kill(pid as number, 'SIGKILL');
      expect(await down).toMatchObject({ node: 'n3', reason: 'process killed by SIGKILL' });

      const bound = crashDetectionBoundMs(membershipConfig(CONFIG), 3);
      await expect.poll(async () => [await statusOf(0, 'n3'), await statusOf(1, 'n3')], { timeout: bound + 5_000, interval: 50 }).toEqual(['down', 'down']);
      const detectedMs = Date.now() - killedAt;
      console.log(`SIGKILL of n3: down on n1 and n2 after ${detectedMs} ms (bound ${bound} ms)`);
      expect(detectedMs).toBeLessThanOrEqual(bound);
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);
});
