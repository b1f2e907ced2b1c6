import { describe, expect, it } from 'vitest';
import { runMaelstromTest, type NodeProgram } from '../src/index.ts';

// Issue 19 item 10: Maelstrom's lin-tso service and the options --nodes, --log-stderr,
// --log-net-send and --log-net-recv (core.clj, service.clj `persistent-tso`, net.clj).
const tsoEcho: NodeProgram = (node) => ({
  echo: async (msg) => {
    const ts = await node.rpc('lin-tso', { type: 'ts' });
    node.log(`${node.id} got ts ${String(ts.body['ts'])}`);
    node.reply(msg, { type: 'echo_ok', echo: msg.body['echo'] ?? null });
  },
});

async function run(extra: Record<string, unknown>) {
  const lines: string[] = [];
  const r = await runMaelstromTest({
    workload: 'echo', nodes: { kind: 'in-process', program: tsoEcho }, nodeCount: 2, timeLimitMs: 1000, rate: 10, seed: 4, ...extra,
  }, (l) => lines.push(l));
  return { r, lines };
}

describe('Maelstrom options and lin-tso (issue 19 item 10)', () => {
  it('lin-tso hands out 0, 1, 2… in arrival order; --log-stderr shows what nodes log', async () => {
    const { r, lines } = await run({ logStderr: true });
    expect(r.valid).toBe(true);
    const ts = lines.filter((l) => / stderr: n\d got ts /.test(l)).map((l) => Number(/ts (\d+)/.exec(l)![1]));
    expect(ts.length).toBe(r.stats.ok);
    expect(ts).toEqual(ts.map((_, i) => i));
  });

  it('logs nothing of the nodes or the network unless asked', async () => {
    const { lines } = await run({});
    expect(lines.some((l) => / stderr: | send | recv /.test(l))).toBe(false);
  });

  it('--nodes names the nodes: init carries those ids, messages go to them', async () => {
    const { r, lines } = await run({ nodeNames: ['alpha', 'beta'], logNetSend: true, logNetRecv: true });
    expect(r.valid).toBe(true);
    expect(lines.some((l) => / send \{"src":"[^"]+","dest":"alpha","body":\{"type":"init","node_id":"alpha","node_ids":\["alpha","beta"\]/.test(l))).toBe(true);
    expect(lines.some((l) => / recv \{"src":"lin-tso","dest":"(alpha|beta)"/.test(l))).toBe(true);
  });

  it('refuses --nodes that clash with client or service ids, or do not match --node-count', async () => {
    await expect(run({ nodeNames: ['c1', 'n1'] })).rejects.toThrow(/must not start with 'c'/);
    await expect(run({ nodeNames: ['lin-kv', 'n1'] })).rejects.toThrow(/Maelstrom service/);
    await expect(run({ nodeNames: ['n1'] })).rejects.toThrow(/names 1 nodes but node-count is 2/);
  });
});
