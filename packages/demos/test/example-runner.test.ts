import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listExamples } from '../src/cli/examples.ts';

// `pnpm example` (issue 22, item 5), run as the root script runs it: tsx with the source condition.
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const runner = join(repo, 'packages/demos/src/cli/example-main.ts');
const tsx = join(repo, 'node_modules/tsx/dist/cli.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [tsx, '--conditions=@faultline/source', runner, ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });

describe('pnpm example', () => {
  it('lists every example with its chapter when given no name, and exits 0', () => {
    const r = run();
    expect(r.status).toBe(0);
    for (const e of listExamples()) expect(r.stdout).toMatch(new RegExp(`^  ${e.name} +docs/${e.chapter}$`, 'm'));
  }, 60_000);

  it('exits 64 on an unknown name, listing the known ones', () => {
    const r = run('no-such-example');
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("no example named 'no-such-example'");
    expect(r.stderr).toContain('actors-and-asks');
  }, 60_000);

  it('runs one example and says ok', () => {
    const r = run('clocks-by-hand');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('example clocks-by-hand: ok');
  }, 60_000);
});
