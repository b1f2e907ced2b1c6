import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedLog, PROTOCOL_LOG_CAP_BYTES, runMaelstromTest, STDERR_CAP_BYTES, type MaelstromTestOptions, type MaelstromTestResult } from '../src/index.ts';
import { PROGRAMS } from './programs.ts';

// Issue 19 item 11: the harness under hostile programs (programs/hostile/). Real processes, so the
// runs are short and started together; no verdict here depends on timing (see each program).
const dir = mkdtempSync(join(tmpdir(), 'faultline-hostile-'));
const pidFile = join(dir, 'left-behind.pids');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(name: string, file: string, args: string[] = [], extra: Partial<MaelstromTestOptions> = {}): MaelstromTestOptions {
  return {
    workload: 'echo', nodes: { kind: 'process', command: { bin: process.execPath, args: [join(PROGRAMS, 'hostile', file), ...args] } },
    nodeCount: 2, concurrency: 4, timeLimitMs: 1500, rate: 20, timeoutMs: 3000, recoveryMs: 200, seed: 19, runDir: join(dir, name), ...extra,
  };
}

const results = new Map<string, MaelstromTestResult>();
beforeAll(async () => {
  await Promise.all([
    runMaelstromTest(options('wrapper', 'wrapper.mjs', [pidFile])).then((r) => results.set('wrapper', r)),
    runMaelstromTest(options('noisy', 'noisy.mjs')).then((r) => results.set('noisy', r)),
    runMaelstromTest(options('impostor', 'impostor.mjs')).then((r) => results.set('impostor', r)),
  ]);
}, 90_000);

/** Alive: the process exists and is not a zombie waiting for init to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the harness under a hostile program (issue 19 item 11)', () => {
  it('kills the process group of each node: a child a --bin wrapper left running does not outlive the run', () => {
    expect(results.get('wrapper')!.valid).toBe(true);
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBe(2);
    expect(pids.filter(alive)).toEqual([]);
  });

  it(`caps each node's stderr at ${STDERR_CAP_BYTES} bytes and protocol-errors.log at ${PROTOCOL_LOG_CAP_BYTES}, and counts what was cut`, () => {
    const r = results.get('noisy')!;
    expect(r.valid).toBe(true);
    expect(r.protocolErrorCount).toBe(12_000);
    const stderr = readFileSync(join(dir, 'noisy', 'n0.stderr.log'), 'utf8');
    expect(stderr.length).toBeLessThan(STDERR_CAP_BYTES + 200);
    expect(stderr).toMatch(/\[faultline\] cut at 8388608 bytes: 2097152 more bytes/);
    expect(r.logsTruncated.stderrBytes).toBe(2 * 2 * 1024 * 1024);
    expect(statSync(join(dir, 'noisy', 'protocol-errors.log')).size).toBeLessThan(PROTOCOL_LOG_CAP_BYTES + 200);
    expect(r.logsTruncated.protocolErrorLines).toBeGreaterThan(0);
  });

  it('writes no control character of a program into protocol-errors.log', () => {
    const log = readFileSync(join(dir, 'noisy', 'protocol-errors.log'), 'utf8');
    expect(log).toContain('\\x0d\\x1b[2K\\x9b2Kvalid');
    // eslint-disable-next-line no-control-regex
    expect(log.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('refuses a reply from a node the client did not ask (n1 forging replies to the clients of n0)', () => {
    const r = results.get('impostor')!;
    expect(r.check.lines.join('\n')).not.toMatch(/forged/);
    expect(r.valid).toBe(true);
    expect(r.protocolWarnings['reply-from-unasked-node']).toBeGreaterThan(0);
  });
});

describe('BoundedLog', () => {
  it('keeps the first capBytes, counts the rest and says so at the end', async () => {
    const path = join(dir, 'bounded.log');
    const log = new BoundedLog(path, 10);
    log.write('abcdef');
    log.write('ghijkl');
    log.write('mn');
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe('abcdefghij\n[faultline] cut at 10 bytes: 4 more bytes in 2 writes were dropped\n');
    expect([log.written, log.droppedBytes, log.droppedWrites]).toEqual([10, 4, 2]);
  });
});
