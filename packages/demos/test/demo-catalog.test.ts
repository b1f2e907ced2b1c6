import { MEMBERSHIP_PRESETS } from '@faultline/membership';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { DemoInfo } from '../src/demo.ts';
import { DEFAULT_DEMO, DEMO_CATALOG, findDemoInfo } from '../src/demo-catalog.ts';
import { LOADABLE_DEMOS, loadDemo } from '../src/demo-loaders.ts';
import { DEMOS } from '../src/registry.ts';
import { FALLACY_SCENES } from '../src/fallacies/fallacies-demo.ts';
import { FALLACY_SCENE_NAMES } from '../src/fallacies/fallacies-info.ts';
import { NETWORK_SCENES } from '../src/network/network-scenes.ts';
import { NETWORK_SCENE_DEFAULTS } from '../src/network/network-info.ts';
import { PRESETS } from '../src/partition/partition-info.ts';

/**
 * Issue 27 item 5: the CLI lists and explains the demos from their `-info.ts` files alone
 * (demo-catalog.ts) and loads one demo only to run it (demo-loaders.ts). These keep the catalog,
 * the loaders and the registry of loaded demos the same demos, so none can drift from another.
 */

/** The fields of a demo the CLI reads without loading it, with options compared by what help prints. */
function infoOf(demo: DemoInfo): unknown {
  return {
    name: demo.name, summary: demo.summary, defaultNodes: demo.defaultNodes, minNodes: demo.minNodes,
    runtimes: demo.runtimes, reportByDefault: demo.reportByDefault, noReport: demo.noReport, ownSimulations: demo.ownSimulations,
    options: (demo.options ?? []).map((o) => ({ name: o.name, value: o.value, help: o.help, choices: o.choices })),
  };
}

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(...line.split('\n')));
  return { code, lines };
}

describe('the demo catalog', () => {
  it('has info for every registered demo, under the same names and in the same order', () => {
    expect(DEMO_CATALOG.map((d) => d.name)).toEqual(DEMOS.map((d) => d.name));
    expect(DEFAULT_DEMO).toBe(DEMOS[0]?.name);
    expect(new Set(DEMO_CATALOG.map((d) => d.name)).size).toBe(DEMO_CATALOG.length);
  });

  it('says of each demo exactly what the loaded demo says of itself', () => {
    for (const demo of DEMOS) expect(infoOf(findDemoInfo(demo.name) as DemoInfo), demo.name).toEqual(infoOf(demo));
  });

  it('can load every demo it lists, and only those: the registry\'s own object', async () => {
    expect([...LOADABLE_DEMOS]).toEqual(DEMO_CATALOG.map((d) => d.name));
    for (const demo of DEMOS) expect(await loadDemo(demo.name), demo.name).toBe(demo);
    expect(await loadDemo('nope')).toBeUndefined();
    expect(await loadDemo('toString')).toBeUndefined();
  });

  it('keeps the choices an info file lists equal to the scenes and presets the demos run', () => {
    expect(PRESETS).toEqual(Object.keys(MEMBERSHIP_PRESETS));
    expect(FALLACY_SCENE_NAMES).toEqual(FALLACY_SCENES.map((s) => s.name));
    expect(NETWORK_SCENE_DEFAULTS).toEqual(NETWORK_SCENES.map((s) => (s.p === undefined ? { name: s.name } : { name: s.name, p: s.p })));
  });
});

describe('faultline demo --list', () => {
  it('lists every registered demo with its summary, one line each, and exits 0', async () => {
    const { code, lines } = await run('demo', '--list');
    expect(code).toBe(0);
    expect(lines).toEqual(DEMOS.map((d) => `${d.name.padEnd(12)} ${d.summary}`));
  });

  it('names every demo, in faultline --help and faultline demo --help', async () => {
    const help = (await run('--help')).lines.join('\n');
    const demoHelp = (await run('demo', '--help')).lines.join('\n');
    for (const d of DEMOS) {
      expect(help).toContain(`  ${d.name.padEnd(12)} ${d.summary}`);
      expect(demoHelp).toContain(`  ${d.name.padEnd(12)} ${d.summary}`);
    }
  });
});
