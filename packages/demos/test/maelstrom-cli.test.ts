import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { parseMaelstromCommand } from '../src/cli/maelstrom-command.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const programs = join(repo, 'packages/maelstrom/programs');
const out = mkdtempSync(join(tmpdir(), 'faultline-maelstrom-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

describe('faultline maelstrom test', () => {
  it('accepts every Gossip Glomers command of chapter 14 as written', async () => {
    const chapter = readFileSync(join(repo, 'docs/14-bring-your-maelstrom-program.md'), 'utf8');
    const commands = [...chapter.matchAll(/`faultline maelstrom (test [^`]+)`/g)].map((m) => (m[1] as string).split(/\s+/));
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const argv of commands) {
      const { options } = await parseMaelstromCommand(argv);
      expect(options.nodes, argv.join(' ')).toMatchObject({ kind: 'process', command: { bin: './bin' } });
    }
    const { options } = await parseMaelstromCommand(commands.find((c) => c.includes('kafka') && c.includes('2n'))!);
    expect(options.concurrency).toBe(2 * options.nodeCount);
  });

  it('parses Maelstrom\'s txn, node and logging options (issue 19 item 10)', async () => {
    const { options } = await parseMaelstromCommand(['test', '-w', 'txn-list-append', '--bin', './x', '--nodes', 'a1,b2,d3', '--key-count', '3',
      '--max-txn-length', '2', '--max-writes-per-key', '5', '--consistency-models', 'serializable, :snapshot-isolation', '--log-stderr', '--log-net-send', '--log-net-recv']);
    expect(options).toMatchObject({
      workload: 'txn-list-append', nodeCount: 3, nodeNames: ['a1', 'b2', 'd3'], keyCount: 3, maxTxnLength: 2, maxWritesPerKey: 5,
      consistencyModels: ['serializable', 'snapshot-isolation'], logStderr: true, logNetSend: true, logNetRecv: true,
    });
    const counted = (await parseMaelstromCommand(['test', '-w', 'g-set', '--bin', './x', '--nodes', 'a,b', '--node-count', '4'])).options;
    expect([counted.nodeCount, counted.nodeNames]).toEqual([4, undefined]); // core.clj parse-node-count: --node-count wins
    await expect(parseMaelstromCommand(['test', '-w', 'txn-list-append', '--bin', './x', '--consistency-models', 'linearizable-ish'])).rejects.toThrow(/--consistency-models must be one of/);
  });

  it.each([
    [['test', '--bin', './x'], /--workload must be one of/],
    [['test', '-w', 'echo'], /--bin .*or --program MODULE is needed/],
    [['test', '-w', 'echo', '--bin', './x', '--nemesis', 'clock'], /nemesis .*needs in-process nodes/],
    [['test', '-w', 'echo', '--bin', './x', '--node-count', '0'], /--node-count must be between 1 and 100/],
    [['test', '-w', 'echo', '--bin', './x', '--loss', '2'], /--loss must be between 0 and 1/],
    [['test', '-w', 'echo', '--bin', './x', '--colour'], /unknown option --colour/],
    [['run', '-w', 'echo'], /maelstrom subcommand must be 'test'/],
    // Issue 19 item 6: a program that cannot start is a usage error at once, not a 30 s test.
    [['test', '-w', 'echo', '--bin', './does-not-exist-19', '--no-report', '--out', out], /--bin must be a program that can run: .*does-not-exist-19 does not exist/],
    [['test', '-w', 'echo', '--bin', '/bin/false', '--no-report', '--out', out], /node n\d could not start: it exited with code 1 before answering init; it wrote nothing to stderr/],
    [['test', '-w', 'echo', '--program', join(programs, 'lib.mjs')], /--program .*must export a function `program\(node\)`/],
  ])('exits 64 on bad usage, naming the argument: %j', async (argv, message) => {
    const { code, text } = await run('maelstrom', ...argv);
    expect(code).toBe(64);
    expect(text).toMatch(message);
  });

  it('runs a --program in the simulator: 0 for a correct program, 1 for a broken one, the same output for the same seed', async () => {
    const args = ['--node-count', '3', '--time-limit', '2', '--rate', '20', '--seed', '5', '--out', out];
    const good = await run('maelstrom', 'test', '-w', 'unique-ids', '--program', join(programs, 'unique-ids.mjs'), ...args);
    const again = await run('maelstrom', 'test', '-w', 'unique-ids', '--program', join(programs, 'unique-ids.mjs'), ...args);
    const broken = await run('maelstrom', 'test', '-w', 'unique-ids', '--program', join(programs, 'unique-ids-broken.mjs'), ...args);
    expect(good.code).toBe(0);
    expect(good.text).toMatch(/valid — seed 5/);
    expect(good.text).toMatch(/replay: faultline maelstrom test -w unique-ids .* --seed 5/);
    const stable = (t: string) => t.split('\n').filter((l) => !l.startsWith('run took')).join('\n');
    expect(stable(again.text)).toBe(stable(good.text));
    expect(broken.code).toBe(1);
    expect(broken.text).toMatch(/INVALID \(duplicate-ids ×\d+\)/);
    expect(JSON.parse(readFileSync(join(out, 'maelstrom', 'unique-ids-seed5', 'results.json'), 'utf8'))).toMatchObject({ exitCode: 1 });
  });
});
