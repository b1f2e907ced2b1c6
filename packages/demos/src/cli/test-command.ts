import { resolve } from 'node:path';
import { ConfigError } from '@faultline/core';
import {
  capsuleOf, describeMix, describePlan, hunt, loadScenarios, parseFaults, pickScenario, resolveThreads, shrink, writeCapsule,
  type SeedOutcome,
} from '@faultline/hunt';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { callerDirectory } from './caller-dir.ts';
import { progressEnabled } from './progress.ts';

/** Exit codes: 0 every seed passed, 1 a seed failed. */
export const TEST_EXIT = { passed: 0, failed: 1 } as const;

const VALUE_FLAGS = ['seeds', 'workers', 'faults', 'time-limit', 'scenario', 'capsule', 'max-failures'];
const FLAGS = [...VALUE_FLAGS, 'check-determinism', 'no-buggify', 'no-shrink'];

/** `1..10000` or `42`. */
export function parseSeedRange(text: string): { from: number; to: number } {
  const m = /^(\d+)(?:\.\.(\d+))?$/.exec(text.trim());
  const from = Number(m?.[1]);
  const to = Number(m?.[2] ?? m?.[1]);
  if (!m || from > to || to > 0xffffffff) throw new ConfigError('--seeds', text, 'must be N or FROM..TO (whole numbers, FROM ≤ TO < 2^32)');
  return { from, to };
}

/** `30s`, `2m`, `500ms` or a number of seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new ConfigError(flag, text, 'must be a duration such as 500ms, 30s or 2m');
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

/**
 * `faultline test FILE`: checks every seed of a scenario (each a fresh simulator, on worker
 * threads), prints each failing seed with its replay command, shrinks the first one and writes
 * its capsule.
 */
export async function runTestCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, VALUE_FLAGS);
  rejectUnknown(args, FLAGS);
  const [fileArg] = args.positionals;
  if (fileArg === undefined) throw new ConfigError('FILE', undefined, 'faultline test FILE needs a test file exporting scenarios');
  const here = callerDirectory(process.env, process.cwd());
  const file = resolve(here, fileArg);
  const seeds = parseSeedRange(stringOption(args, 'seeds') ?? '1..100');
  const workers = resolveThreads(stringOption(args, 'workers') ?? '1');
  const faults = stringOption(args, 'faults');
  const mix = faults === undefined ? undefined : parseFaults(faults);
  const limit = stringOption(args, 'time-limit');
  const maxFailures = stringOption(args, 'max-failures');
  const scenario = pickScenario(await loadScenarios(file), stringOption(args, 'scenario'));
  const buggify = args.options.get('no-buggify') !== true;
  out(`faultline test ${fileArg}: scenario ${scenario.name}, seeds ${seeds.from}..${seeds.to}, ${workers} worker${workers === 1 ? '' : 's'}, faults ${mix ? describeMix(mix) : 'swarm (each seed draws its mix)'}${buggify ? '' : ', buggify off'}`);
  const progress = progressEnabled(process.env, process.stderr);
  const replay = (seed: number) => `faultline test ${fileArg} --scenario ${scenario.name} --seeds ${seed}${faults ? ` --faults ${faults}` : ''}${buggify ? '' : ' --no-buggify'}`;
  const report = await hunt({
    file, scenario: scenario.name, seeds, workers, buggify, checkDeterminism: args.options.get('check-determinism') === true,
    ...(mix ? { mix } : {}), ...(limit ? { timeLimitMs: parseDuration(limit, '--time-limit') } : {}),
    ...(maxFailures ? { maxFailures: Number(maxFailures) } : {}),
    onSeed: (o, p) => {
      if (progress) process.stderr.write(`\r  ${p.checked}/${p.total} seeds, ${p.failed} failed, ${(p.checked / Math.max(p.elapsedMs / 1000, 1e-3)).toFixed(0)} seeds/s `);
      if (o.result.failure || o.divergence || o.result.impure.length > 0) {
        if (progress) process.stderr.write('\r\x1b[K');
        for (const line of describeOutcome(o)) out(line);
        out(`    replay: ${replay(o.result.seed)}`);
      }
    },
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const rate = report.checked / Math.max(report.elapsedMs / 1000, 1e-3);
  out(`${report.checked} seeds checked in ${(report.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(0)} seeds/s), ${report.failures.length} failed${report.stoppedBy ? ` (stopped: ${report.stoppedBy})` : ''}`);
  const first = report.failures.find((f) => f.result.failure !== undefined);
  if (first && args.options.get('no-shrink') !== true) {
    out(`shrinking seed ${first.result.seed} (${first.result.operations} operations, ${first.result.faultsRun} fault steps)…`);
    const s = await shrink(scenario, first.result);
    const capsulePath = resolve(here, stringOption(args, 'capsule') ?? `${scenario.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-seed${first.result.seed}.capsule.json`);
    writeCapsule(capsulePath, capsuleOf(file, scenario.name, s));
    out(`shrunk in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.runs} runs): seed ${s.shrunk.seed}, ${s.shrunk.operations} operations, ${s.shrunk.faultsRun} fault steps, buggify ${s.buggify ? 'on' : 'off'}`);
    for (const line of describePlan(s.shrunk.plan)) out(line);
    out(`  ${s.shrunk.failure.property}: ${s.shrunk.failure.explanation}`);
    out(`capsule: ${capsulePath}`);
    out(`    replay: faultline replay ${capsulePath}`);
  }
  return report.failures.length > 0 ? TEST_EXIT.failed : TEST_EXIT.passed;
}

function describeOutcome(o: SeedOutcome): string[] {
  const r = o.result;
  const lines = [`seed ${r.seed} FAILED  faults: ${describeMix(r.mix)}; ${r.buggify}`];
  if (r.failure) lines.push(`  ${r.failure.property}: ${r.failure.explanation.split('\n').slice(0, 6).join('\n  ')}`);
  if (o.divergence) lines.push(`  not deterministic: two runs of the seed differ first at message event ${o.divergence.event}:\n    first:  ${o.divergence.first}\n    second: ${o.divergence.second}`);
  for (const c of r.impure) lines.push(`  actor ${c.actor} called ${c.api} (use ctx.now / ctx.setTimer / ctx.random: the simulator cannot replay it)`);
  return lines;
}
