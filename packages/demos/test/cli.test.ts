import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(text).toMatch(/faultline demo \[name\] \[--seed N\] \[--runtime sim\|workers\|nats\] \[--nodes N\] \[--out DIR\]/);
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

describe('the smaller demos', () => {
  it('clock-skew: wall-clock LWW loses the causally later write, HLC keeps it', async () => {
    const { code, text } = await run('demo', 'clock-skew', '--seed', '1');
    expect(code).toBe(0);
    expect(text).toMatch(/LWW by wall clock:\s+every replica reads first\s/);
    expect(text).toMatch(/LWW by hybrid clock:\s+every replica reads second\s/);
  });

  it('partition: the minority loses quorum, a one-way cut keeps the node up, a crash is detected by all', async () => {
    const { code, text } = await run('demo', 'partition', '--seed', '3');
    expect(code).toBe(0);
    expect(text).toMatch(/n4 sees: n1 DOWN .* quorum NO/);
    expect(text).toMatch(/n1 sees: .*n4 DOWN .* quorum yes/);
    expect(text).toMatch(/Detected as down by 4 of 4 nodes/);
  });

  it('refuses a runtime a demo does not support', async () => {
    expect(await run('demo', 'partition', '--runtime', 'workers')).toMatchObject({ code: 64, text: expect.stringMatching(/not supported by demo partition/) });
  });
});

describe('message traces', () => {
  it('--trace writes every message event as JSONL, identically for the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    try {
      const [a, b] = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
      expect((await run('demo', 'echo', '--seed', '4', '--nodes', '3', '--trace', a)).code).toBe(0);
      expect((await run('demo', 'echo', '--seed', '4', '--nodes', '3', '--trace', b)).code).toBe(0);
      const lines = readFileSync(a, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { ev: string });
      expect(lines.filter((e) => e.ev === 'send').length).toBeGreaterThan(24);
      expect(lines.filter((e) => e.ev === 'deliver').length).toBeGreaterThan(24);
      expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--trace refuses the worker runtime, whose timing is not reproducible', async () => {
    expect(await run('demo', 'echo', '--runtime', 'workers', '--trace', '/tmp/x.jsonl')).toMatchObject({ code: 64, text: expect.stringMatching(/--trace works with --runtime sim only/) });
  });
});

describe('faultline diagram', () => {
  it('draws a trace as a sequence diagram: one lane per node, arrows for deliveries, x for drops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-diagram-'));
    try {
      const file = join(dir, 't.jsonl');
      const events = [
        { t: 0, ev: 'send', from: 'driver', to: 'n1', src: 'client@driver', dst: 'a@n1', kind: 'ask', id: 1, bytes: 10 },
        { t: 1, ev: 'deliver', from: 'driver', to: 'n1', src: 'client@driver', dst: 'a@n1', kind: 'ask', id: 1, bytes: 10 },
        { t: 1, ev: 'send', from: 'n1', to: 'n2', src: 'a@n1', dst: 'b@n2', kind: 'tell', id: 2, bytes: 10 },
        { t: 2, ev: 'drop', from: 'n1', to: 'n2', src: 'a@n1', dst: 'b@n2', kind: 'tell', id: 2, bytes: 10, reason: 'partition' },
        { t: 3, ev: 'deliver', from: 'n1', to: 'driver', src: 'a@n1', dst: 'client@driver', kind: 'reply', id: 3, bytes: 10 },
      ];
      writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
      const { code, text } = await run('diagram', file);
      expect(code).toBe(0);
      const lines = text.split('\n');
      expect(lines[0]).toMatch(/^\s+driver\s+n1\s+n2/);
      expect(lines[1]).toMatch(/1\.000 {2}\|-ask#1-*>\|/);
      expect(lines[2]).toMatch(/2\.000 {2}\| +\|-tell#2-*x +\| +dropped: partition/);
      expect(lines[3]).toMatch(/3\.000 {2}\|<reply#3-*\|/);
      expect(await run('diagram')).toMatchObject({ code: 64 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
