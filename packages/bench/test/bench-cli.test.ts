import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const results = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** Runs `pnpm bench <args>` without the build step; resolves to its exit code and output. */
async function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [main, ...args], { timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('pnpm bench arguments', () => {
  it('refuses an unknown group with exit 64, names it, and leaves bench-results.json alone', async () => {
    const before = existsSync(results) ? readFileSync(results, 'utf8') : undefined;
    const { code, stderr } = await bench(['no-such-group']);
    expect(code).toBe(64);
    expect(stderr).toContain('unknown group "no-such-group"');
    expect(stderr).toContain('groups: sim, workers');
    const after = existsSync(results) ? readFileSync(results, 'utf8') : undefined;
    expect(after).toBe(before);
  });

  it('prints the groups for --help and runs none', async () => {
    const { code, stdout } = await bench(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: pnpm bench/);
    expect(stdout).not.toContain('running');
  });
});
