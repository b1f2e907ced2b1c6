// `faultline check`: exit codes 0 linearizable, 1 not, 2 unknown, 64 usage/input error (sysexits EX_USAGE).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli.ts';
import { MODEL_NAMES } from '../src/index.ts';
import { corpusDir } from './support.ts';

const corpus = corpusDir();
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checker-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true });
});

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCheck(argv, (line) => lines.push(line));
  return { code, lines };
}

describe('faultline check', () => {
  it('exits 0 and prints the verdict for a linearizable history', async () => {
    const { code, lines } = await run('check', join(corpus, 'jepsen', 'etcd_002.log'), '--model', 'cas-register');
    expect(code).toBe(0);
    expect(lines).toContain('verdict: linearizable');
    expect(lines[0]).toMatch(/etcd_002\.log: etcd-log history, \d+ operations, cas-register model/);
  });

  it('exits 1 and names the operations that cannot be ordered for a violation', async () => {
    const { code, lines } = await run(join(corpus, 'jepsen', 'etcd_000.log'), '--model=cas-register');
    expect(code).toBe(1);
    expect(lines).toContain('verdict: not-linearizable');
    expect(lines.join('\n')).toContain('#43 process 11: read() → 2  [call 85, return 86]');
  });

  it('exits 2 when the time budget runs out', async () => {
    const { code, lines } = await run(join(corpus, 'kv', 'c50-ok.txt'), '--model', 'kv', '--timeout-ms', '0');
    expect(code).toBe(2);
    expect(lines).toContain('verdict: unknown');
  });

  it('exits 2 naming the memory budget when the search outgrows it', async () => {
    const { code, lines } = await run(join(corpus, 'kv', 'c50-ok.txt'), '--model', 'kv', '--max-memory-mb', '1');
    expect(code).toBe(2);
    expect(lines).toContain('verdict: unknown');
    expect(lines.join('\n')).toMatch(/the memory budget of 1 MiB ran out after \d+ configurations; raise --max-memory-mb/);
  });

  it('counts reading the file against the time budget, and stops reading when it runs out', async () => {
    const file = join(dir, 'long.jsonl');
    const line = (type: string, t: number) => `{"type":"${type}","process":0,"f":"write","value":1,"time":${t}}`;
    await writeFile(file, Array.from({ length: 20_000 }, (_, i) => line(i % 2 === 0 ? 'invoke' : 'ok', i)).join('\n'));
    const { code, lines } = await run(file, '--model', 'register', '--timeout-ms', '0');
    expect(code).toBe(2);
    expect(lines).toEqual(['verdict: unknown', 'unknown: the time budget of 0 ms ran out while reading line 8192. Raise --timeout-ms to finish.']);
  });

  it('prints the same verdict and explanation in-process (--workers 1) and with worker threads', async () => {
    for (const name of ['c50-ok', 'c50-bad']) {
      const file = join(corpus, 'kv', `${name}.txt`);
      const inProcess = await run(file, '--model', 'kv', '--workers', '1');
      const parallel = await run(file, '--model', 'kv', '--workers', '2');
      expect(parallel.code).toBe(inProcess.code);
      expect(parallel.code).toBe(name === 'c50-ok' ? 0 : 1);
      // After a violation, which other keys were left unfinished may differ; the first lines may not.
      expect(parallel.lines.slice(0, 2)).toEqual(inProcess.lines.slice(0, 2));
      if (name === 'c50-ok') expect(parallel.lines).toEqual(inProcess.lines);
    }
  });

  it('reads faultline JSONL histories', async () => {
    const file = join(dir, 'h.jsonl');
    await writeFile(
      file,
      ['{"type":"invoke","process":0,"f":"put","key":"k","value":"v","time":1}', '{"type":"ok","process":0,"f":"put","key":"k","value":"v","time":2}'].join('\n'),
    );
    expect((await run(file, '--model', 'kv')).code).toBe(0);
  });

  it.each([
    { when: 'no file is given', argv: [], message: 'missing <history-file>' },
    { when: '--model is missing', argv: ['h.log'], message: `missing --model (one of ${MODEL_NAMES.join(', ')})` },
    { when: 'the model is unknown', argv: ['h.log', '--model', 'stack'], message: `unknown model "stack"; expected one of ${MODEL_NAMES.join(', ')}` },
    { when: '--max-memory-mb is not a whole number', argv: ['h.log', '--model', 'kv', '--max-memory-mb', '0.5'], message: '--max-memory-mb must be a whole number of MiB, at least 1; got "0.5"' },
    { when: '--timeout-ms is not a number', argv: ['h.log', '--model', 'kv', '--timeout-ms', 'soon'], message: '--timeout-ms must be a non-negative number of milliseconds; got "soon"' },
    { when: '--workers is 0', argv: ['h.log', '--model', 'kv', '--workers', '0'], message: '--workers must be a whole number of threads, at least 1 (or auto); got "0"' },
    { when: '--workers is not a number', argv: ['h.log', '--model', 'kv', '--workers=many'], message: '--workers must be a whole number of threads, at least 1 (or auto); got "many"' },
    { when: '--model has no value', argv: ['h.log', '--model'], message: '--model needs a value' },
    { when: 'two files are given', argv: ['a.log', 'b.log', '--model', 'kv'], message: 'expected one history file, got 2: a.log b.log' },
    { when: 'an option is unknown', argv: ['h.log', '--model', 'kv', '--verbose'], message: 'unknown option --verbose' },
  ])('exits 64 with a message and the usage when $when', async ({ argv, message }) => {
    const { code, lines } = await run(...argv);
    expect(code).toBe(64);
    expect(lines[0]).toBe(`error: ${message}`);
    expect(lines[1]).toBe(`usage: faultline check <history-file> --model ${MODEL_NAMES.join('|')} [--timeout-ms N] [--max-memory-mb N] [--workers N]`);
  });

  it('exits 64 naming the file when it cannot be read', async () => {
    const { code, lines } = await run(join(dir, 'missing.jsonl'), '--model', 'kv');
    expect(code).toBe(64);
    expect(lines[0]).toMatch(/^error: cannot read history file .*missing\.jsonl: ENOENT/);
  });

  it('exits 64 naming the line of a malformed history, and for an empty one', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"type":"invoke","process":0,"f":"read","value":null,"time":0}\n{"type":"ok","process":0}\n');
    expect(await run(file, '--model', 'register')).toEqual({ code: 64, lines: [expect.stringMatching(/^error: line 2: field "f" must be one of/)] });
    expect((await run(join(corpus, 'jepsen', 'etcd_095.log'), '--model', 'cas-register')).lines).toEqual([
      'error: history is empty: it has no events to check',
    ]);
  });

  it('refuses 64-bit integers JSON.parse would round, in JSONL as in EDN, rather than judge rounded values (issue 21)', async () => {
    // 9007199254740993 and 9007199254740992 are distinct snowflake-style ids that round to one double.
    const [a, b] = ['9007199254740993', '9007199254740992'];
    const jsonl = join(dir, 'ids.jsonl');
    await writeFile(jsonl, [0, 1].map((p) => `{"type":"invoke","process":${p},"f":"generate","value":null,"time":${p}}\n`).join('')
      + [[0, a], [1, b]].map(([p, id]) => `{"type":"ok","process":${p},"f":"generate","value":${id},"time":${Number(p) + 2}}\n`).join(''));
    const edn = join(dir, 'ids.edn');
    await writeFile(edn, [0, 1].map((p) => `{:type :invoke, :process ${p}, :f :generate, :value nil}\n`).join('')
      + [[0, a], [1, b]].map(([p, id]) => `{:type :ok, :process ${p}, :f :generate, :value ${id}}\n`).join(''));
    const fromJsonl = await run(jsonl, '--model', 'unique-ids');
    expect(fromJsonl).toEqual({ code: 64, lines: [expect.stringMatching(/^error: line 3: integer 9007199254740993 is too large/)] });
    expect((await run(edn, '--model', 'unique-ids')).code).toBe(64);
    // A register read of a never-written value that rounds to a written one.
    const reg = join(dir, 'reg.jsonl');
    await writeFile(reg, `{"type":"invoke","process":0,"f":"write","value":${b},"time":0}\n{"type":"ok","process":0,"f":"write","value":${b},"time":1}\n`
      + `{"type":"invoke","process":1,"f":"read","value":null,"time":2}\n{"type":"ok","process":1,"f":"read","value":${a},"time":3}\n`);
    expect((await run(reg, '--model', 'register')).code).toBe(64);
    // Strings with long digit runs and exact integers still read.
    const ok = join(dir, 'exact.jsonl');
    await writeFile(ok, `{"type":"invoke","process":0,"f":"generate","value":"${a}","time":0}\n{"type":"ok","process":0,"f":"generate","value":9007199254740991,"time":1}\n`);
    expect((await run(ok, '--model', 'unique-ids')).code).toBe(0);
  });

  it('exits 64 when the history does not fit the model', async () => {
    const { code, lines } = await run(join(corpus, 'kv', 'c01-ok.txt'), '--model', 'register');
    expect(code).toBe(64);
    expect(lines[0]).toMatch(/^error: the register model cannot check operation #0 \(process 0, append key "0", called at 1\)/);
  });

  it('prints the usage and exits 0 for --help', async () => {
    const { code, lines } = await run('check', '--help');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^usage: faultline check/);
  });
});
