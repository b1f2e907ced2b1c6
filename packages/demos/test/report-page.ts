import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { findChromium, launchChromium, type HeadlessChromium } from '@faultline/report/browser';
import { runCli } from '../src/cli/main.ts';

/**
 * What the report browser tests share: running a demo with a report, opening the page in Debian's
 * headless Chromium (never a downloaded browser) and reading pixels of its canvases.
 */

/** Where Chromium is, or undefined (the tests skip, saying why). */
export const chromiumPath = findChromium();
export const SKIP = 'no Chromium at /usr/bin/chromium (apt-get install chromium, as .ci/run does, or set FAULTLINE_CHROMIUM)';
/** Screenshots go here (ignored by git). */
export const artifacts = join(import.meta.dirname, '.artifacts');

/** A browser for one test file. */
export async function startBrowser(): Promise<HeadlessChromium | undefined> {
  if (!chromiumPath) return undefined;
  mkdirSync(artifacts, { recursive: true });
  return launchChromium(chromiumPath);
}

/** Runs `faultline demo ...argv --out outDir`; returns the report's path and what the demo printed. */
export async function demoReport(outDir: string, ...argv: string[]): Promise<{ file: string; text: string; code: number }> {
  const lines: string[] = [];
  const code = await runCli(['demo', ...argv, '--out', outDir], (l) => lines.push(l));
  const text = lines.join('\n');
  const file = /^Report: (.*)$/m.exec(text)?.[1];
  if (code > 1 || file === undefined) throw new Error(`demo ${argv.join(' ')} failed (${code}):\n${text}`);
  return { file, text, code };
}

/** Opens a report; returns the page and the errors it logged (a request leaving the file is one). */
export async function openReport(browser: HeadlessChromium, file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
  return { page, errors };
}

/** The section ids of a page, in order. */
export function sectionsOf(page: Page): Promise<string[]> {
  return page.$$eval('[data-section]', (s) => s.map((e) => e.id));
}

/** The little of a canvas these tests read in the page (the test program is compiled without DOM types). */
export interface PageCanvas {
  readonly width: number;
  readonly height: number;
  readonly clientWidth: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  getBoundingClientRect(): { x: number; y: number };
  scrollIntoView(): void;
}

/** Pixels of a canvas that are not (near) white. */
export function inkOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as unknown as PageCanvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] as number) > 0 && ((data[i] as number) < 235 || (data[i + 1] as number) < 235 || (data[i + 2] as number) < 235)) ink++;
    return ink;
  });
}

/** Pixels of a canvas within `tolerance` of an RGBA colour (as the canvas holds it: its background is transparent). */
export function pixelsOf(page: Page, selector: string, rgba: readonly [number, number, number, number], tolerance = 4): Promise<number> {
  return page.$eval(selector, (c, [r, g, b, a, tol]) => {
    const canvas = c as unknown as PageCanvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs((data[i] as number) - r) <= tol && Math.abs((data[i + 1] as number) - g) <= tol && Math.abs((data[i + 2] as number) - b) <= tol && Math.abs((data[i + 3] as number) - a) <= tol) n++;
    }
    return n;
  }, [rgba[0], rgba[1], rgba[2], rgba[3], tolerance] as const);
}

/** A partition window's shading as a canvas holds it: rgba(214, 69, 69, 0.10) on transparent. */
export const PARTITION_TINT = [214, 69, 69, 26] as const;
