import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_INTERNAL, runCli } from '../src/cli/main.ts';

// Issue 19 item 11, at the command line: what a hostile program writes never reaches the terminal
// raw, and a crash of the harness is an internal error, never exit 1 ("invalid").
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const hostile = join(repo, 'packages/maelstrom/programs/hostile');
const bin = join(repo, 'packages/demos/bin/faultline.cjs');
const out = mkdtempSync(join(tmpdir(), 'faultline-hostile-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('faultline maelstrom test under a hostile program', () => {
  it('escapes the control characters of program output before they reach the terminal', async () => {
    const lines: string[] = [];
    const code = await runCli(['maelstrom', 'test', '-w', 'echo', '--bin', process.execPath, join(hostile, 'noisy.mjs'), '--node-count', '1',
      '--time-limit', '0.5', '--timeout', '3', '--recovery', '0', '--seed', '3', '--out', out, '--no-report'], (l) => lines.push(l));
    const text = lines.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(/protocol error: n0 line 1: not JSON .*\\x0d\\x1b\[2K\\x9b2Kvalid/);
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  }, 60_000);

  it(`exits ${EXIT_INTERNAL} (internal error), not 1, when an error is thrown in a timer`, async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = execFile(process.execPath, [bin, 'maelstrom', 'test', '-w', 'echo', '--program', join(hostile, 'timer-throws.mjs'), '--time-limit', '1', '--out', out, '--no-report'],
        { cwd: repo, timeout: 120_000 }, (_error, stdout) => done({ code: child.exitCode, stdout }));
    });
    expect(stdout).toMatch(/internal error \(please report it; this is not a verdict\): RangeError/);
    expect(code).toBe(EXIT_INTERNAL);
  }, 130_000);
});
