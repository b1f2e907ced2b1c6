import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessChromium } from '@faultline/report/browser';
import { loadRunFolder } from '@faultline/report';
import { capsuleFields, explore, writeExploreCapsule } from '@faultline/explore';
import { staleReleaseSpec } from '@faultline/explore/planted';
import { runCli } from '../src/cli/main.ts';
import { artifacts, chromiumPath, openReport, SKIP, startBrowser } from './report-page.ts';

/**
 * Issue 24 item 4: `faultline report CAPSULE` for an explore capsule replays the searched path into
 * a run folder (one virtual ms per step) whose step mode walks it: each message event, and the
 * spec's observed state after each step.
 */
const outDir = mkdtempSync(join(tmpdir(), 'faultline-explore-report-'));
const planted = fileURLToPath(new URL('../../explore/src/planted/index.ts', import.meta.url));
let browser: HeadlessChromium | undefined;
let capsule = '';
let steps = 0;
beforeAll(async () => {
  const spec = staleReleaseSpec();
  const found = await explore(spec, { strategy: 'bfs', maxDepth: 14 });
  if (!found.violation) throw new Error('the planted stale release should be found');
  steps = found.violation.choices.length;
  capsule = join(outDir, 'stale-release.explore.json');
  writeExploreCapsule(capsule, capsuleFields(planted, spec.name, {}, found.violation));
  browser = await startBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function report(): Promise<string> {
  const lines: string[] = [];
  expect(await runCli(['report', capsule], (l) => lines.push(l))).toBe(0);
  const file = /^Report: (.*)$/m.exec(lines.join('\n'))?.[1];
  if (file === undefined) throw new Error(lines.join('\n'));
  return file;
}

describe('faultline report on an explore capsule', () => {
  it('writes a run folder: every message of the path, and the observed state after every step', async () => {
    const folder = loadRunFolder(join(await report(), '..'));
    const observed = folder.states.filter((s) => s.actor === 'observe@explore');
    expect(observed.map((s) => s.t)).toEqual(Array.from({ length: steps + 1 }, (_, i) => i));
    expect(JSON.parse(observed[0]!.state).overlaps).toEqual([]);
    expect(JSON.parse(observed.at(-1)!.state).overlaps).toHaveLength(1);
    // Deliveries in the folder are the path's deliveries (its timers move no message).
    expect(folder.trace.filter((e) => e.ev === 'deliver')).toHaveLength(steps - 2);
  }, 60_000);

  it('refuses a JSON file that is no capsule, naming what it must be', async () => {
    const lines: string[] = [];
    const other = join(outDir, 'other.json');
    (await import('node:fs')).writeFileSync(other, '{"format":"something-else"}');
    expect(await runCli(['report', other], (l) => lines.push(l))).toBe(64);
    expect(lines.join('\n')).toMatch(/explore capsule/);
  });

  it.skipIf(!chromiumPath)(`step mode walks the path (${chromiumPath ? 'Chromium' : SKIP})`, async () => {
    const file = await report();
    const { page, errors } = await openReport(browser as HeadlessChromium, file);
    const step = (k: number) => page.evaluate((i) => (globalThis as unknown as { faultlineReport: { step: { go(k: number): number } } }).faultlineReport.step.go(i), k);
    const count = await page.evaluate(() => (globalThis as unknown as { faultlineReport: { step: { count(): number } } }).faultlineReport.step.count());
    expect(count).toBeGreaterThan(steps);
    await step(0);
    expect(await page.textContent('#step-states tr[data-actor="observe@explore"] td.state')).toContain('"overlaps":[]');
    await step(count - 1);
    expect(await page.textContent('#step-states tr[data-actor="observe@explore"] td.state')).toContain('granted the lock while');
    await page.screenshot({ path: join(artifacts, 'explore-step.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
