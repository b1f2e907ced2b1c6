import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel, loadRunFolder } from '@faultline/report';
import { runCli } from '../src/cli/main.ts';
import { DEMOS } from '../src/registry.ts';

/**
 * Issue 22 item 2: a lesson's report shows its lesson, or the demo refuses `--report` and says
 * why. Before, `two-generals --report` and `fallacies --report` wrote a page holding one all-zero
 * counters table. Every demo is run here with `--report`: a refusal is a usage error (64) giving
 * the demo's reason; a report must draw something of the run (messages or operations) and, where
 * the lesson is about faults, shade them.
 */

const dir = mkdtempSync(join(tmpdir(), 'faultline-report-lessons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Small, quick runs of each demo; `faults`: the lesson injects faults the report must shade. */
const RUNS: Readonly<Record<string, { readonly argv: readonly string[]; readonly faults: boolean }>> = {
  'cp-vs-ap': { argv: ['--seed', '42'], faults: true },
  echo: { argv: ['--seed', '4', '--nodes', '3'], faults: false },
  'clock-skew': { argv: ['--seed', '1'], faults: true },
  partition: { argv: ['--seed', '1'], faults: true },
  transfer: { argv: ['--seed', '7', '--runs', '4'], faults: false },
  network: { argv: ['--seed', '7'], faults: false },
  'two-generals': { argv: ['--seed', '7'], faults: false },
  // The defaults (300 requests at widths up to 100, a 100k-request model) trace ~80 MB of messages.
  'tail-latency': { argv: ['--seed', '7', '--n', '20', '--requests', '60', '--model', '1000'], faults: false },
  fallacies: { argv: ['--seed', '7'], faults: false },
  disk: { argv: ['--seed', '1'], faults: false },
  raft: { argv: ['--seed', '1'], faults: false },
};

describe('every demo\'s report shows its run, or the demo refuses --report and says why', () => {
  it('lists a run for every demo', () => {
    expect(Object.keys(RUNS).sort()).toEqual(DEMOS.map((d) => d.name).sort());
  });

  for (const demo of DEMOS) {
    it(`${demo.name} ${demo.noReport ? 'refuses --report, giving its reason' : 'writes a report that draws the run'}`, async () => {
      const run = RUNS[demo.name];
      if (!run) throw new Error(`no run listed for ${demo.name}`);
      const lines: string[] = [];
      const code = await runCli(['demo', demo.name, ...run.argv, '--report', '--out', dir], (l) => lines.push(l));
      const text = lines.join('\n');
      if (demo.noReport) {
        expect(code).toBe(64);
        expect(text).toContain(`--report`);
        expect(text).toContain(demo.noReport);
        return;
      }
      expect(code, text).toBeLessThanOrEqual(1);
      const file = /^Report: (.*)\/report\.html$/m.exec(text)?.[1];
      expect(file, text).toBeDefined();
      const model = buildReportModel(loadRunFolder(file as string));
      const drawn = (model.messages?.count ?? 0) + model.histories.reduce((n, h) => n + h.ops.count, 0);
      expect(drawn, 'messages or operations to draw').toBeGreaterThan(0);
      if (run.faults) expect(model.windows.length + model.histories.reduce((n, h) => n + h.windows.length, 0), 'fault windows').toBeGreaterThan(0);
    }, 120_000);
  }
});
