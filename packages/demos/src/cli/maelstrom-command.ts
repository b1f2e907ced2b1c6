import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, freshSeed, parseSeed, requireInteger, requireNumber, requireOneOf } from '@faultline/core';
import {
  CONSISTENCY_MODELS, describeResult, escapeControl, killAllGroups, LATENCY_DISTS, MAELSTROM_DEFAULTS, MAELSTROM_NEMESES, runMaelstromTest, TOPOLOGIES, WORKLOAD_NAMES,
  type MaelstromTestOptions, type NodeProgram, type NodeSource,
} from '@faultline/maelstrom';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { writeMaelstromReport } from './maelstrom-report.ts';

const VALUE_FLAGS = [
  'workload', 'bin', 'program', 'node-count', 'time-limit', 'rate', 'concurrency', 'latency', 'latency-dist', 'nemesis',
  'nemesis-interval', 'loss', 'duplicate', 'topology', 'timeout', 'recovery', 'seed', 'out', 'availability', 'consistency-models',
  'nodes', 'key-count', 'max-txn-length', 'max-writes-per-key',
];

const SWITCHES = ['report', 'no-report', 'log-stderr', 'log-net-send', 'log-net-recv'];

/**
 * `faultline maelstrom test -w WORKLOAD --bin PATH [args…] …`: Maelstrom's command line. `--bin`
 * runs an external program per node in real time; `--program MODULE` runs a module's exported
 * `program` (NodeApi) in the simulator, where the seed replays everything. The run folder gets a
 * `report.html` unless `--no-report`.
 */
export async function runMaelstromCommand(argv: readonly string[], print: (line: string) => void): Promise<number> {
  // Lines carry text from the programs (protocol errors, values read): no control character of theirs reaches the terminal.
  const out = (line: string) => print(escapeControl(line));
  const { options, replay, report } = await parseMaelstromCommand(argv);
  // Ctrl-C or a kill of the harness ends every node program's process group too.
  const onSignal = (signal: NodeJS.Signals) => {
    killAllGroups();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runAndReport(options, replay, report, out);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runAndReport(options: MaelstromTestOptions, replay: string, report: boolean, out: (line: string) => void): Promise<number> {
  if (options.nodes.kind === 'process') out('external programs run in real time: the seed reproduces the fault schedule and the operations, not the programs\' own timing');
  const result = await runMaelstromTest(options, out);
  for (const line of describeResult(result, replay)) out(line);
  if (report && options.runDir !== undefined) {
    const written = await writeMaelstromReport(result, {
      dir: options.runDir, workload: options.workload, nodeCount: options.nodeCount, replay: replay.replace(/^replay: /, ''),
      runtime: options.nodes.kind === 'process' ? 'process' : 'sim',
    });
    for (const note of written.notes) out(note);
    out(`Report: ${written.path}`);
  }
  return result.exitCode;
}

/** Parses `maelstrom test …` into test options (usage errors name the flag), the replay line and whether to write a report. */
export async function parseMaelstromCommand(argv: readonly string[]): Promise<{ options: MaelstromTestOptions; replay: string; report: boolean }> {
  const dashes = argv.indexOf('--');
  const words = (dashes === -1 ? argv : argv.slice(0, dashes)).map((w) => (w === '-w' ? '--workload' : w));
  const extra = dashes === -1 ? [] : argv.slice(dashes + 1);
  const args = parseArgs(words, VALUE_FLAGS);
  rejectUnknown(args, [...VALUE_FLAGS, ...SWITCHES]);
  if (args.options.has('report') && args.options.has('no-report')) throw new ConfigError('--report', '--no-report', 'cannot be given together');
  const [sub, ...programArgs] = args.positionals;
  if (sub !== 'test') throw new ConfigError('maelstrom subcommand', sub ?? '', "must be 'test' (faultline maelstrom test -w WORKLOAD --bin PATH …)");
  const num = (flag: string, fallback: number, min: number, max = Infinity) => {
    const text = stringOption(args, flag);
    return text === undefined ? fallback : requireNumber(`--${flag}`, Number(text), min, max);
  };
  const workload = requireOneOf('--workload', stringOption(args, 'workload'), WORKLOAD_NAMES);
  const bin = stringOption(args, 'bin');
  const programPath = stringOption(args, 'program');
  if ((bin === undefined) === (programPath === undefined)) throw new ConfigError('--bin', bin ?? '', 'or --program MODULE is needed (exactly one)');
  const nodes: NodeSource = bin !== undefined
    ? { kind: 'process', command: { bin, args: [...programArgs, ...extra] } }
    : { kind: 'in-process', program: await loadProgram(programPath as string) };
  const nemesisText = stringOption(args, 'nemesis');
  const nemesis = nemesisText === undefined || nemesisText === 'none' ? [] : nemesisText.split(',').map((n) => requireOneOf('--nemesis', n.trim(), MAELSTROM_NEMESES));
  const seedText = stringOption(args, 'seed');
  const seed = seedText === undefined ? freshSeed() : parseSeed(seedText);
  // Maelstrom (core.clj `parse-node-count`): --node-count N names the nodes n0…n(N-1) and overrides --nodes.
  const nodesText = stringOption(args, 'nodes');
  const nodeCountText = stringOption(args, 'node-count');
  const nodeNames = nodeCountText === undefined && nodesText !== undefined ? nodesText.split(',').map((n) => n.trim()).filter((n) => n !== '') : undefined;
  const nodeCount = nodeNames ? requireInteger('--nodes', nodeNames.length, 1, 100) : requireInteger('--node-count', Number(nodeCountText ?? MAELSTROM_DEFAULTS.nodeCount), 1, 100);
  const int = (flag: string, max: number) => {
    const text = stringOption(args, flag);
    return text === undefined ? undefined : requireInteger(`--${flag}`, Number(text), 1, max);
  };
  const keyCount = int('key-count', 10_000);
  const maxTxnLength = int('max-txn-length', 1000);
  const maxWritesPerKey = int('max-writes-per-key', 1_000_000);
  const latencyDist = stringOption(args, 'latency-dist');
  const topology = stringOption(args, 'topology');
  const outRoot = stringOption(args, 'out') ?? 'runs';
  const concurrency = stringOption(args, 'concurrency');
  const consistency = stringOption(args, 'consistency-models');
  const options: MaelstromTestOptions = {
    workload, nodes, nodeCount, seed,
    timeLimitMs: num('time-limit', MAELSTROM_DEFAULTS.timeLimitMs / 1000, 0, 3600) * 1000,
    rate: num('rate', MAELSTROM_DEFAULTS.rate, 0.001),
    latencyMs: num('latency', MAELSTROM_DEFAULTS.latencyMs, 0),
    nemesis,
    runDir: resolve(outRoot, 'maelstrom', `${workload}-seed${seed}`),
    ...(concurrency === undefined ? {} : { concurrency: parseConcurrency(concurrency, nodeCount) }),
    ...(consistency === undefined ? {} : { consistencyModels: parseModels(consistency) }),
    ...(nodeNames === undefined ? {} : { nodeNames }),
    ...(keyCount === undefined ? {} : { keyCount }),
    ...(maxTxnLength === undefined ? {} : { maxTxnLength }),
    ...(maxWritesPerKey === undefined ? {} : { maxWritesPerKey }),
    ...(args.options.has('log-stderr') ? { logStderr: true } : {}),
    ...(args.options.has('log-net-send') ? { logNetSend: true } : {}),
    ...(args.options.has('log-net-recv') ? { logNetRecv: true } : {}),
    ...(latencyDist === undefined ? {} : { latencyDist: requireOneOf('--latency-dist', latencyDist, LATENCY_DISTS) }),
    ...(topology === undefined ? {} : { topology: requireOneOf('--topology', topology, TOPOLOGIES) }),
    ...(args.options.has('nemesis-interval') ? { nemesisIntervalMs: num('nemesis-interval', 1, 0.001) * 1000 } : {}),
    ...(args.options.has('loss') ? { loss: num('loss', 0, 0, 1) } : {}),
    ...(args.options.has('duplicate') ? { duplicate: num('duplicate', 0, 0, 1) } : {}),
    ...(args.options.has('timeout') ? { timeoutMs: num('timeout', 1, 0.001) * 1000 } : {}),
    ...(args.options.has('availability') ? { availability: stringOption(args, 'availability') === 'total' ? 1 : num('availability', 1, 0, 1) } : {}),
    ...(args.options.has('recovery') ? { recoveryMs: num('recovery', 1, 0) * 1000 } : {}),
  };
  const replay = `replay: faultline maelstrom ${argv.filter((w, i) => !(w === '--seed' || argv[i - 1] === '--seed' || w.startsWith('--seed='))).join(' ')} --seed ${seed}`;
  return { options, replay, report: !args.options.has('no-report') };
}

async function loadProgram(path: string): Promise<NodeProgram> {
  const url = pathToFileURL(isAbsolute(path) ? path : resolve(path)).href;
  let mod: { program?: unknown };
  try {
    mod = (await import(url)) as { program?: unknown };
  } catch (error) {
    throw new ConfigError('--program', path, `must be a module that loads (${(error as Error).message})`);
  }
  if (typeof mod.program !== 'function') throw new ConfigError('--program', path, 'must export a function `program(node)` returning handlers by message type');
  return mod.program as NodeProgram;
}

/** `--consistency-models a,b`: Elle's model names (Maelstrom accepts every one; a leading `:` is allowed). */
function parseModels(text: string): string[] {
  const models = text.split(',').map((m) => m.trim().replace(/^:/, '')).filter((m) => m !== '');
  for (const m of models) requireOneOf('--consistency-models', m, CONSISTENCY_MODELS);
  if (models.length === 0) throw new ConfigError('--consistency-models', text, 'needs at least one model');
  return models;
}

/** `--concurrency N`, or `Nn` for N clients per node (Maelstrom's `2n`). */
function parseConcurrency(text: string, nodeCount: number): number {
  const perNode = /^(\d+)n$/.exec(text);
  return requireInteger('--concurrency', perNode ? Number(perNode[1]) * nodeCount : Number(text), 1, 1000);
}
