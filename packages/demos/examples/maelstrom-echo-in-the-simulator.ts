// example: maelstrom-echo-in-the-simulator
import { runMaelstromTest, type NodeProgram } from '@faultline/maelstrom';

const echo: NodeProgram = (node) => ({
  echo: (msg) => node.reply(msg, { type: 'echo_ok', echo: msg.body['echo'] ?? null }),
});

export default async function main(): Promise<void> {
  const result = await runMaelstromTest({
    workload: 'echo', nodes: { kind: 'in-process', program: echo },
    nodeCount: 3, timeLimitMs: 2000, rate: 20, seed: 1,
  });
  if (result.exitCode !== 0) throw new Error(result.check.lines.join('\n'));
  console.log(`echo: ${result.stats.ok} ok, seed ${result.seed}`);
}
