import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '@faultline/checker';
import { findChromium, launchChromium, type HeadlessChromium } from '@faultline/report/browser';
import { runCli } from '../src/cli/main.ts';

/**
 * Opens the reports of fixed-seed runs in headless Chromium (Debian's package through
 * playwright-core; nothing is downloaded) and checks that every section drew, that the
 * checker's anomaly is outlined on the timeline, and that clicking an arrow shows its message.
 * Screenshots go to packages/demos/test/.artifacts/ (ignored by git).
 */

const chromiumPath = findChromium();
const SKIP = 'no Chromium at /usr/bin/chromium (apt-get install chromium, as .ci/run does, or set FAULTLINE_CHROMIUM)';
if (!chromiumPath) console.warn(`report browser tests SKIPPED: ${SKIP}`);

const artifacts = join(import.meta.dirname, '.artifacts');
const outDir = mkdtempSync(join(tmpdir(), 'faultline-report-'));
let browser: HeadlessChromium | undefined;

async function demo(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(['demo', ...argv, '--out', outDir], (l) => lines.push(l));
  const report = /^Report: (.*)$/m.exec(lines.join('\n'))?.[1];
  if (code > 1 || report === undefined) throw new Error(`demo ${argv.join(' ')} failed (${code}):\n${lines.join('\n')}`);
  return report;
}

/** Opens a report; returns the page and the errors it logged. */
async function open(file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (browser as HeadlessChromium).context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  // Any request leaving the file is a failure: the report must be self-contained.
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
  return { page, errors };
}

/** The little of a canvas these tests read in the page (the test program is compiled without DOM types). */
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  readonly clientWidth: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  getBoundingClientRect(): { x: number; y: number };
  scrollIntoView(): void;
}

/** The report's handle on `window.faultlineReport`, as far as these tests use it. */
interface PageReport {
  readonly model: { messages: { fate: number[]; payload: number[]; payloads: string[]; id: number[]; types: string[]; type: number[] } };
  readonly timelines: Record<string, { opBox(id: number): { x: number; y: number; w: number; h: number } }>;
  readonly spaceTime: { focus(i: number): { x: number; y: number } };
}

/** Pixels of a canvas that are not (near) white. */
function inkOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as unknown as PageCanvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] as number) > 0 && ((data[i] as number) < 235 || (data[i + 1] as number) < 235 || (data[i + 2] as number) < 235)) ink++;
    return ink;
  });
}

beforeAll(async () => {
  if (!chromiumPath) return;
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium(chromiumPath);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe.skipIf(!chromiumPath)(`the report in headless Chromium${chromiumPath ? '' : ` (skipped: ${SKIP})`}`, () => {
  it('draws every section of the flagship run, outlines the anomaly, and shows a clicked message', async () => {
    const file = await demo('cp-vs-ap', '--seed', '42');
    const dir = join(file, '..');
    const checks = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as Record<string, CheckResult>;
    const { page, errors } = await open(file);
    await page.screenshot({ path: join(artifacts, 'cp-vs-ap-42.png'), fullPage: true });

    const sections = await page.$$eval('[data-section]', (s) => s.map((e) => e.id));
    expect(sections).toEqual(['spacetime', 'step', 'timeline-cp', 'checker-cp', 'latency-cp', 'timeline-ap', 'checker-ap', 'latency-ap', 'timeline-raft', 'checker-raft', 'latency-raft', 'raft', 'counters']);
    for (const canvas of ['#spacetime-canvas', '#timeline-canvas-cp', '#timeline-canvas-ap']) expect(await inkOf(page, canvas), canvas).toBeGreaterThan(2000);

    // Element counts: every op is on the timeline; a scatter plus one histogram per op type; a row per link.
    const cpOps = readFileSync(join(dir, 'cp.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"invoke"')).length;
    expect(Number(await page.$eval('#timeline-canvas-cp', (c) => c.getAttribute('data-ops')))).toBe(cpOps);
    expect(await page.$$eval('#latency-ap .uplot', (u) => u.length)).toBe(3);
    const links = Object.keys((JSON.parse(readFileSync(join(dir, 'counters.json'), 'utf8')) as Record<string, { links: object }>)['ap']?.links ?? {}).length;
    expect(await page.$$eval('table[data-counters="ap"] tr', (r) => r.length)).toBe(links + 2);

    // The checker: CP linearizable; AP not, its stuck ops counted and outlined in red on the timeline.
    expect(await page.$eval('#checker-cp .verdict', (v) => v.getAttribute('data-verdict'))).toBe('linearizable');
    expect(await page.$eval('#checker-ap .verdict', (v) => v.getAttribute('data-verdict'))).toBe('not-linearizable');
    const stuck = new Set((checks['ap'] as CheckResult).perKey.flatMap((k) => (k.verdict === 'not-linearizable' ? k.counterexample.stuck.map((o) => o.id) : [])));
    expect(stuck.size).toBeGreaterThan(0);
    expect(Number(await page.$eval('#timeline-canvas-ap', (c) => c.getAttribute('data-highlighted')))).toBe(stuck.size);
    await page.click('#checker-ap .anomaly button');
    const outlined = await page.$eval('#timeline-canvas-ap', (c, id) => {
      const box = (globalThis as unknown as { faultlineReport: PageReport }).faultlineReport.timelines['ap']?.opBox(id);
      const canvas = c as unknown as PageCanvas;
      const ratio = canvas.width / canvas.clientWidth;
      if (!box) return false;
      // The outline is drawn 2 px left of the bar's start, 3 px wide, in #b00020.
      const [r, g, b] = canvas.getContext('2d').getImageData(Math.round((box.x - 2) * ratio), Math.round((box.y + box.h / 2) * ratio), 1, 1).data;
      return (r as number) > 150 && (g as number) < 40 && (b as number) < 60;
    }, [...stuck][0] as number);
    expect(outlined).toBe(true);
    await page.screenshot({ path: join(artifacts, 'cp-vs-ap-42-anomaly.png') });

    // Click a delivered message with a payload: its details appear.
    const target = await page.evaluate(() => {
      const m = (globalThis as unknown as { faultlineReport: PageReport }).faultlineReport.model.messages;
      const i = m.fate.findIndex((f, k) => f === 0 && (m.payloads[m.payload[k] as number] ?? '').includes('"type"') && k > 500);
      return { i, id: m.id[i], type: m.types[m.type[i] as number] };
    });
    await page.$eval('#spacetime-canvas', (c) => (c as unknown as PageCanvas).scrollIntoView());
    const point = await page.evaluate((i) => (globalThis as unknown as { faultlineReport: PageReport }).faultlineReport.spaceTime.focus(i), target.i);
    const box = await page.$eval('#spacetime-canvas', (c) => { const r = (c as unknown as PageCanvas).getBoundingClientRect(); return { x: r.x, y: r.y }; });
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const details = await page.$eval('#message-details', (d) => d.textContent ?? '');
    expect(details).toContain(`${target.type} (`);
    expect(details).toContain(`#${target.id}`);
    expect(details).toMatch(/delivered at .* after/);
    expect(details).toMatch(/stamps: Lamport \d+, HLC \d+\.\d+/);
    expect(details).toMatch(/payload: \{/);
    await page.screenshot({ path: join(artifacts, 'cp-vs-ap-42-message.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('draws membership views and quorum of the partition demo', async () => {
    const { page, errors } = await open(await demo('partition', '--seed', '3', '--report'));
    await page.screenshot({ path: join(artifacts, 'partition-3.png'), fullPage: true });
    expect(await page.$$eval('[data-section]', (s) => s.map((e) => e.id))).toEqual(['spacetime', 'step', 'membership', 'counters']);
    // 5 nodes, each with a view of all 5 members (itself included).
    expect(Number(await page.$eval('#membership-canvas', (c) => c.getAttribute('data-tracks')))).toBe(25);
    expect(await inkOf(page, '#membership-canvas')).toBeGreaterThan(2000);
    expect(await inkOf(page, '#spacetime-canvas')).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws the report of a Maelstrom lin-kv run: timeline, checker verdict, latency, counters, no message trace', async () => {
    const lines: string[] = [];
    const program = join(import.meta.dirname, '../../maelstrom/programs/lin-kv.mjs');
    await runCli(['maelstrom', 'test', '-w', 'lin-kv', '--program', program, '--node-count', '3', '--time-limit', '3', '--rate', '20', '--nemesis', 'partition', '--seed', '7', '--out', outDir], (l) => lines.push(l));
    const file = /^Report: (.*)$/.exec(lines.at(-1) ?? '')?.[1] as string;
    const { page, errors } = await open(file);
    await page.screenshot({ path: join(artifacts, 'maelstrom-lin-kv-7.png'), fullPage: true });
    expect(await page.$$eval('[data-section]', (s) => s.map((e) => e.id))).toEqual(['timeline-lin-kv', 'checker-lin-kv', 'latency-lin-kv', 'counters']);
    const ops = readFileSync(join(file, '..', 'lin-kv.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"invoke"')).length;
    expect(Number(await page.$eval('#timeline-canvas-lin-kv', (c) => c.getAttribute('data-ops')))).toBe(ops);
    expect(await page.$eval('#checker-lin-kv .verdict', (v) => v.getAttribute('data-verdict'))).toBe('linearizable');
    expect(await inkOf(page, '#timeline-canvas-lin-kv')).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
