import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { DEMOS } from '../src/registry.ts';
import { COMMAND_USAGE } from '../src/cli/command-usage.ts';
import { HELP } from '../src/cli/help.ts';

/** Issue 22 item 7: `faultline demo NAME --help` lists what the demo takes (it used to exit 64, "unknown option --help"). */

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('faultline demo NAME --help', () => {
  for (const demo of DEMOS) {
    it(`lists ${demo.name}'s options, choices, runtimes, nodes and report, and exits 0`, async () => {
      const { code, text } = await run('demo', demo.name, '--help');
      expect(code).toBe(0);
      expect(text).toContain(demo.summary);
      expect(text).toContain(`runtimes: ${(demo.runtimes ?? ['sim', 'workers', 'nats']).join(', ')}`);
      expect(text).toContain(demo.ownSimulations === undefined ? `nodes:    ${demo.defaultNodes} by default` : `nodes:    none of yours: it runs ${demo.ownSimulations}`);
      for (const o of demo.options ?? []) {
        expect(text).toContain(`--${o.name} ${o.value}`);
        expect(text).toContain(o.help);
        if (o.choices) expect(text).toContain(`one of: ${o.choices.join(', ')}`);
      }
      if (demo.noReport) expect(text).toContain(`report:   refused (${demo.noReport})`);
    });
  }

  it('is what chapter 1 says of --list and --help (the count of demos kept true)', () => {
    const chapter = readFileSync(join(import.meta.dirname, '../../../docs/01-getting-started.md'), 'utf8');
    expect(chapter).toContain(`# the ${DEMOS.length} demos, from ${DEMOS[0]?.name} to ${DEMOS.at(-1)?.name}`);
  });

  it('a demo on simulations of its own says so in its header instead of "2 nodes", and refuses --nodes (issue 22 item 7)', async () => {
    const own = DEMOS.filter((d) => d.ownSimulations !== undefined).map((d) => d.name).sort();
    expect(own).toEqual(['fallacies', 'two-generals']);
    const generals = await run('demo', 'two-generals', '--seed', '7', '--samples', '50');
    expect(generals.text.split('\n')[0]).toBe('faultline demo two-generals — simulations of its own, two generals in each, runtime sim, seed 7');
    expect(generals.text).not.toMatch(/2 nodes/);
    const refused = await run('demo', 'fallacies', '--nodes', '3');
    expect(refused.code).toBe(64);
    expect(refused.text).toMatch(/--nodes .*is not used by demo fallacies: it runs simulations of its own/);
  });

  it('without a name lists the demos', async () => {
    const { code, text } = await run('demo', '--help');
    expect(code).toBe(0);
    for (const d of DEMOS) expect(text).toContain(d.name);
  });

  it('names the runtimes a demo does support when given another', async () => {
    const { code, text } = await run('demo', 'two-generals', '--runtime', 'workers');
    expect(code).toBe(64);
    expect(text).toMatch(/not supported by demo two-generals; it runs on sim/);
  });
});

describe('the knobs a lesson invites', () => {
  it('clock-skew --skew-ms: a skew below the gap between the writes keeps "second"; a larger one loses it', async () => {
    const small = await run('demo', 'clock-skew', '--seed', '1', '--skew-ms', '5');
    expect(small.code).toBe(0);
    expect(small.text).toMatch(/runs 5 ms ahead/);
    expect(small.text).toMatch(/LWW by wall clock: +every replica reads second /);
    const large = await run('demo', 'clock-skew', '--seed', '1', '--skew-ms', '200');
    expect(large.text).toMatch(/LWW by wall clock: +every replica reads first /);
    expect((await run('demo', 'clock-skew', '--skew-ms', '-1')).code).toBe(64);
  });
});

describe('network --p', () => {
  it('sets the loss scene\'s drop probability, in its heading and in what the network did', async () => {
    const { code, text } = await run('demo', 'network', '--seed', '7', '--scene', 'loss', '--p', '0.5');
    expect(code).toBeLessThanOrEqual(1);
    expect(text).toContain('loss: 50 % of frames dropped, both ways');
    const m = /frames n1->n2: (\d+) sent, (\d+) delivered, (\d+) dropped/.exec(text);
    expect(m).not.toBeNull();
    // 20 frames at p = 0.5 against the default's 0.2: far more than 2 of them dropped.
    expect(Number(m?.[3])).toBeGreaterThan(6);
    expect((await run('demo', 'network', '--p', '1.5')).code).toBe(64);
  });
});

describe('faultline COMMAND --help', () => {
  // `faultline replay --help` used to print "unknown option --help; known: " with an empty list.
  for (const command of Object.keys(COMMAND_USAGE)) {
    it(`${command} --help prints that command's usage, as faultline --help shows it, and exits 0`, async () => {
      const { code, text } = await run(command, '--help');
      expect(code).toBe(0);
      expect(text).toContain(`faultline ${command}`);
      expect(HELP).toContain(COMMAND_USAGE[command]!);
    });
  }
});
