import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

describe('the faultline command', () => {
  it('prints help with every command and demo', async () => {
    const { code, text } = await run('--help');
    expect(code).toBe(0);
    expect(text).toMatch(/faultline demo \[name\] \[--seed N\] \[--runtime sim\|workers\] \[--nodes N\] \[--out DIR\]/);
    expect(text).toMatch(/echo\s+N nodes echo/);
  });

  it('rejects an unknown option with exit code 64, naming it', async () => {
    const { code, text } = await run('demo', 'echo', '--sed', '3');
    expect(code).toBe(64);
    expect(text).toMatch(/unknown option --sed/);
  });

  it('rejects a bad seed and an unknown demo, naming the value', async () => {
    expect(await run('demo', 'echo', '--seed', 'abc')).toMatchObject({ code: 64, text: expect.stringMatching(/seed must be a whole number.*got "abc"/) });
    expect(await run('demo', 'nope')).toMatchObject({ code: 64, text: expect.stringMatching(/demo name is not a demo.*got "nope"/) });
  });

  it('runs the echo demo in the simulator, printing its seed, identically for the same seed', async () => {
    const a = await run('demo', 'echo', '--seed', '11', '--nodes', '3');
    const b = await run('demo', 'echo', '--seed', '11', '--nodes', '3');
    expect(a.code).toBe(0);
    expect(a.text).toMatch(/seed 11/);
    expect(a.text).toMatch(/12 asks: 12 ok, 0 failed, 0 unknown/);
    expect(b.text).toBe(a.text);
  });
});
