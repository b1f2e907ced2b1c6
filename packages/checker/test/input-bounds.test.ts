// Issue 21, "Budgets and bounds": `faultline check` on /dev/zero ran to a V8 heap abort despite
// --max-memory-mb 100 --timeout-ms 2000, one huge line overran both budgets, a FIFO ignored
// --timeout-ms, and deeply nested JSONL or EDN exited 70 with a stack trace.
import { execFileSync } from 'node:child_process';
import { existsSync, openSync, closeSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli.ts';
import { HistoryBudgetError, HistoryParseError, streamHistoryFile } from '../src/index.ts';

let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'checker-bounds-')); });
afterAll(async () => { await rm(dir, { recursive: true }); });

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCheck(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

const event = (type: string, process: number, time: number, value: unknown = 1) => JSON.stringify({ type, process, f: 'write', value, time });
const HISTORY = `${event('invoke', 0, 1)}\n${event('ok', 0, 2)}\n`;

describe('input that never ends or never comes', () => {
  it.skipIf(!existsSync('/dev/zero'))('/dev/zero (no newline ever): exit 64 at the line bound, or 2 when the memory budget runs out first', async () => {
    const bare = await run('/dev/zero', '--model', 'register');
    expect(bare.code).toBe(64);
    expect(bare.text).toMatch(/line 1: line is longer than 64 MiB/);
    const budgeted = await run('/dev/zero', '--model', 'register', '--max-memory-mb', '20', '--timeout-ms', '60000');
    expect(budgeted.code).toBe(2);
    expect(budgeted.text).toMatch(/memory budget of 20 MiB ran out reading line 1, already \d+(\.\d)? MiB long; raise --max-memory-mb/);
  });

  it('a line longer than the bound is an input error naming the line; the lines before it were read', async () => {
    const file = join(dir, 'long-line.jsonl');
    await writeFile(file, `${HISTORY}${'x'.repeat(300_000)}\n${HISTORY}`);
    const seen: number[] = [];
    await expect(streamHistoryFile(file, (_e, line) => seen.push(line), { maxLineBytes: 200_000 })).rejects.toThrow(new HistoryParseError(3, 'line is longer than 0.2 MiB (no history event is): is this a history file?'));
    expect(seen).toEqual([1, 2]);
    await expect(streamHistoryFile(file, () => {}, { memoryBytes: 1_000_000 })).rejects.toThrow(HistoryBudgetError);
  });

  it.skipIf(process.platform === 'win32')('a FIFO whose writer never writes: --timeout-ms holds (exit 2) and nothing is left hanging', async () => {
    const fifo = join(dir, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, 'r+'); // holds the pipe open as a writer that never writes
    try {
      const started = performance.now();
      const { code, text } = await run(fifo, '--model', 'register', '--timeout-ms', '300');
      expect(code).toBe(2);
      expect(text).toMatch(/time budget of 300 ms ran out while reading line 1 \(waiting for input\)/);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      closeSync(writer);
    }
  });

  it.skipIf(process.platform === 'win32')('a FIFO that writes a history is checked like a file', async () => {
    const fifo = join(dir, 'history.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, 'r+');
    const checking = run(fifo, '--model', 'register', '--timeout-ms', '60000');
    writeSync(writer, HISTORY);
    closeSync(writer);
    const { code, text } = await checking;
    expect(text).toMatch(/verdict: linearizable/);
    expect(code).toBe(0);
  });
});

describe('deep nesting is an input error naming the line, never a stack overflow', () => {
  const deep = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n);
  it.each([
    ['JSONL', 'deep.jsonl', `${event('invoke', 0, 1)}\n{"type":"ok","process":0,"f":"write","value":${deep('[', ']', 100_000)},"time":2}\n`, /line 2: field "value" nests arrays or objects deeper than 256 levels/],
    ['EDN', 'deep.edn', `{:type :invoke, :process 0, :f :write, :value 1}\n{:type :ok, :process 0, :f :write, :value ${deep('[', ']', 100_000)}}\n`, /line 2: EDN column \d+: nested deeper than 256 levels/],
  ])('%s', async (_format, name, text, message) => {
    const file = join(dir, name);
    await writeFile(file, text);
    const { code, text: out } = await run(file, '--model', 'register');
    expect(out).toMatch(message);
    expect(code).toBe(64);
  });

  it('a value nested 200 levels is still read', async () => {
    const file = join(dir, 'nested-ok.jsonl');
    const v = JSON.parse(deep('[', ']', 200)) as unknown;
    await writeFile(file, `${event('invoke', 0, 1, v)}\n${event('ok', 0, 2, v)}\n`);
    expect((await run(file, '--model', 'register')).code).toBe(0);
  });
});

describe('a long line counts against the time budget while it is read', () => {
  it('stops reading one long line once the budget has run out, naming the line', async () => {
    const file = join(dir, 'slow-line.jsonl');
    await writeFile(file, `${HISTORY}${'x'.repeat(1_000_000)}\n`);
    const { Deadline } = await import('../src/check/deadline.ts');
    let reads = 0;
    const deadline = Deadline.of({ timeoutMs: 1000, clock: () => (reads++ === 0 ? 0 : 1e9) });
    await expect(streamHistoryFile(file, () => {}, { deadline })).rejects.toThrow(new HistoryBudgetError('the time budget of 1000 ms ran out while reading line 3'));
  });
});

describe('the transaction checks (list-append, rw-register) bound their input too', () => {
  it.skipIf(!existsSync('/dev/zero'))('/dev/zero is an input error (exit 64), not a heap abort', async () => {
    const { code, text } = await run('/dev/zero', '--model', 'list-append', '--max-memory-mb', '20');
    expect(text).toMatch(/history file is larger than 5 MiB, the most a transaction history is read whole/);
    expect(code).toBe(64);
  });

  it('deep nesting in JSONL is an input error naming the line', async () => {
    const file = join(dir, 'deep-txn.jsonl');
    await writeFile(file, `{"type":"invoke","process":0,"value":[["append","x",${'['.repeat(50_000)}${']'.repeat(50_000)}]]}\n`);
    const { code, text } = await run(file, '--model', 'list-append');
    expect(text).toMatch(/line 1: nests arrays or objects deeper than 256 levels/);
    expect(code).toBe(64);
  });

  it.skipIf(process.platform === 'win32')('a FIFO whose writer never writes: --timeout-ms holds (exit 2)', async () => {
    const fifo = join(dir, 'silent-txn.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, 'r+');
    try {
      const { code, text } = await run(fifo, '--model', 'list-append', '--timeout-ms', '300');
      expect(text).toMatch(/verdict: unknown\nunknown: the time budget of 300 ms ran out while reading \(waiting for input\)/);
      expect(code).toBe(2);
    } finally {
      closeSync(writer);
    }
  });
});
