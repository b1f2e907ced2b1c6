import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@faultline/core';
import { describeResult, NodeStartError, runMaelstromTest, type MaelstromTestOptions, type NodeProgram } from '../src/index.ts';
import { PROGRAMS } from './programs.ts';

// Issue 19 item 6, each reproduced on the old harness: a node that crashed on its own still gave
// `valid` (exit 0); a node that never answered init passed after 30 s; a missing or
// non-executable --bin waited 30 s and ran the whole test. Maelstrom aborts all of these (db.clj
// `:init-failed`, process.clj `stop-node!` "Node n1 crashed with exit status …").
const dir = mkdtempSync(join(tmpdir(), 'faultline-node-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

// Start-up on a loaded machine can take seconds, so these runs allow 60 s for init; the init-timeout test sets its own.
const base = { workload: 'echo', nodeCount: 2, timeLimitMs: 1500, rate: 20, timeoutMs: 1000, recoveryMs: 200, seed: 19, initTimeoutMs: 60_000 } as const;
const processRun = (bin: string, args: string[], extra: Partial<MaelstromTestOptions> = {}) =>
  runMaelstromTest({ ...base, nodes: { kind: 'process', command: { bin, args } }, ...extra });

describe('a program that cannot start is a usage error at once, naming the node', () => {
  it('refuses a --bin that does not exist, or is not executable, before starting anything', async () => {
    await expect(processRun(join(dir, 'no-such-program'), [])).rejects.toThrow(ConfigError);
    await expect(processRun(join(dir, 'no-such-program'), [])).rejects.toThrow(/--bin must be a program that can run: .*no-such-program does not exist/);
    const plain = script('not-executable.sh', '#!/bin/sh\n', 0o644);
    await expect(processRun(plain, [])).rejects.toThrow(/is not executable/);
    await expect(processRun('no-such-command-on-path-19', [])).rejects.toThrow(/no executable named no-such-command-on-path-19 on PATH/);
  });

  it('a node that exits before answering init stops the run at once, with the tail of its stderr', async () => {
    const bin = script('exits.sh', '#!/bin/sh\necho "loading config" >&2\necho "fatal: config.toml not found" >&2\nexit 3\n');
    const error = await processRun(bin, [], { initTimeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeStartError);
    const e = error as NodeStartError;
    expect(['n0', 'n1']).toContain(e.node);
    expect(e.message).toMatch(/node n[01] could not start: it exited with code 3 before answering init/);
    expect(e.message).toMatch(/\| fatal: config.toml not found/);
  });

  it('a node that never answers init stops the run when Maelstrom\'s init timeout runs out', async () => {
    const bin = script('silent.sh', '#!/bin/sh\necho "listening" >&2\nexec cat > /dev/null\n');
    const error = await processRun(bin, [], { initTimeoutMs: 800 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeStartError);
    expect((error as Error).message).toMatch(/could not start: it did not answer init within 0.8 s .*\| listening/s);
  });
});

describe('a node that crashes on its own', () => {
  it('makes the run invalid (exit 1), naming the node, its exit and the last lines of its stderr', async () => {
    // Echoes twice, then dies as a Go program does on a panic.
    const crasher = script('crasher.mjs', [
      "import { program as echo } from '" + join(PROGRAMS, 'echo.mjs') + "';",
      "import { runStdio } from '" + join(PROGRAMS, 'lib.mjs') + "';",
      'let n = 0;',
      'runStdio((node) => ({ echo: (msg) => { if (++n > 2) { process.stderr.write("panic: runtime error: index out of range [3]\\n"); process.exit(2); } echo(node).echo(msg); } }));',
    ].join('\n'));
    const r = await processRun(process.execPath, [crasher]);
    expect(r.valid).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.check.anomalies['node-crashed']).toBeGreaterThanOrEqual(1);
    expect(r.crashes[0]).toMatchObject({ exit: 'with code 2' });
    expect(r.check.lines.join('\n')).toMatch(/node-crashed: n[01] exited with code 2 at \d+ ms[\s\S]*\| panic: runtime error: index out of range \[3\]/);
  });

  it('a node killed by the nemesis and restarted is not a crash', async () => {
    const r = await processRun(process.execPath, [join(PROGRAMS, 'echo.mjs')], { nemesis: ['kill'], nemesisIntervalMs: 300 });
    expect(r.nemesisLog.some((e) => /restart/.test(e.text))).toBe(true);
    expect(r.crashes).toEqual([]);
    expect(r.valid).toBe(true);
  });
});

describe('a process restarted by the kill nemesis (issue 19 item 7)', () => {
  it('gets its topology again, so a program that exits without one keeps running', async () => {
    // Exits, as the 3e programs of the issue crashed, on a broadcast before its topology; gossips
    // its whole set to its neighbours every 100 ms, so a restarted node gets the values back.
    const needsTopology = script('needs-topology.mjs', [
      "import { runStdio } from '" + join(PROGRAMS, 'lib.mjs') + "';",
      'runStdio((node) => {',
      '  let neighbours; const values = new Set();',
      '  setInterval(() => { for (const n of neighbours ?? []) node.send(n, { type: "gossip", values: [...values] }); }, 100);',
      '  return {',
      '    topology: (msg) => { neighbours = msg.body.topology[node.id]; node.reply(msg, { type: "topology_ok" }); },',
      '    broadcast: (msg) => { if (!neighbours) { process.stderr.write("broadcast before topology\\n"); process.exit(1); } values.add(msg.body.message); node.reply(msg, { type: "broadcast_ok" }); },',
      '    gossip: (msg) => { for (const v of msg.body.values) values.add(v); },',
      '    read: (msg) => node.reply(msg, { type: "read_ok", messages: [...values] }),',
      '  };',
      '});',
    ].join('\n'));
    const r = await runMaelstromTest({
      ...base, workload: 'broadcast', nodeCount: 3, timeLimitMs: 3000, recoveryMs: 1500,
      nodes: { kind: 'process', command: { bin: process.execPath, args: [needsTopology] } }, nemesis: ['kill'], nemesisIntervalMs: 400,
    });
    const restart = r.nemesisLog.find((e) => /restart/.test(e.text));
    expect(restart).toBeDefined();
    expect(r.crashes, r.check.lines.join('\n')).toEqual([]);
    expect(r.check.anomalies['node-crashed']).toBeUndefined();
    // Broadcasts still succeed after the restart. (Whether every value survives depends on the kill
    // landing between an ack and the next gossip: this program keeps nothing on disk.)
    expect(r.ops.some((o) => o.f === 'broadcast' && o.type === 'ok' && o.invokeTime > (restart!.now ?? restart!.at) + 500)).toBe(true);
  });
});

describe('a restarted node that is slow to boot (issue 19 item 7)', () => {
  it('gets init and its topology before any client request, however long it takes to start', async () => {
    // Every start after the first three sleeps 1.5 s, longer than a client's timeout, so clients
    // whose requests to the killed node timed out are free again before it reads its first line.
    const boots = join(dir, 'slow-boots.count');
    const slowBoot = script('slow-boot.mjs', [
      "import { appendFileSync, readFileSync } from 'node:fs';",
      "import { runStdio } from '" + join(PROGRAMS, 'lib.mjs') + "';",
      `appendFileSync(${JSON.stringify(boots)}, 'x');`,
      `if (readFileSync(${JSON.stringify(boots)}, 'utf8').length > 3) await new Promise((r) => setTimeout(r, 1500));`,
      'runStdio((node) => {',
      '  let neighbours; const values = new Set();',
      '  return {',
      '    topology: (msg) => { neighbours = msg.body.topology[node.id]; node.reply(msg, { type: "topology_ok" }); },',
      '    broadcast: (msg) => { if (!neighbours) { process.stderr.write("broadcast before topology\\n"); process.exit(1); } values.add(msg.body.message); node.reply(msg, { type: "broadcast_ok" }); },',
      '    read: (msg) => node.reply(msg, { type: "read_ok", messages: [...values] }),',
      '  };',
      '});',
    ].join('\n'));
    const r = await runMaelstromTest({
      ...base, workload: 'broadcast', nodeCount: 3, timeLimitMs: 4000, rate: 40, recoveryMs: 500,
      nodes: { kind: 'process', command: { bin: process.execPath, args: [slowBoot] } }, nemesis: ['kill'], nemesisIntervalMs: 400,
    });
    const restarts = r.nemesisLog.filter((e) => /restart/.test(e.text));
    expect(restarts.length).toBeGreaterThan(0);
    // Requests to the slow node waited for its set-up (or timed out waiting) rather than reaching
    // it before its topology; on the old harness the program exited here.
    expect(r.crashes, r.check.lines.join('\n')).toEqual([]);
  });
});

describe('every unknown verdict says why', () => {
  it('a program that never answers an echo: unknown, because no echo was answered', async () => {
    const mute: NodeProgram = () => ({ echo: () => undefined });
    const r = await runMaelstromTest({ ...base, nodes: { kind: 'in-process', program: mute } });
    expect(r.valid).toBe('unknown');
    expect(r.exitCode).toBe(2);
    expect(r.check.valid === 'unknown' && r.check.unknownReason).toMatch(/no echo was answered/);
    expect(describeResult(r, '')).toContain('unknown: no echo was answered, so nothing could be checked');
  });
});
