import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-txn-'));
// elle test/elle/list_append_test.clj checker-test "G1c", as a Jepsen EDN file (maps may span lines; comments allowed).
const g1c = join(dir, 'g1c.edn');
writeFileSync(g1c, `; T2 appends x after T1, but T1 read T2's append of y
{:index 0 :type :ok, :f :txn, :process 0, :value [[:append :x 1] [:r :y [1]]]}
{:index 1 :type :ok, :f :txn, :process 1,
 :value [[:append :x 2] [:append :y 1]]}
{:index 2 :type :ok, :f :txn, :process 2, :value [[:r :x [1 2]] [:r :y [1]]]}
`);
const clean = join(dir, 'clean.jsonl');
writeFileSync(clean, [
  { type: 'invoke', process: 0, f: 'txn', value: [['append', 'x', 1]], time: 1 },
  { type: 'ok', process: 0, f: 'txn', value: [['append', 'x', 1]], time: 2 },
  { type: 'invoke', process: 1, f: 'txn', value: [['r', 'x', null]], time: 3 },
  { type: 'ok', process: 1, f: 'txn', value: [['r', 'x', [1]]], time: 4 },
].map((o) => JSON.stringify(o)).join('\n'));

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCheck(['check', ...argv], (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('faultline check --model list-append|rw-register', () => {
  it('finds G1c in an EDN history, names the weakest violated model and explains each edge, exit 1', async () => {
    const { code, text } = await run(g1c, '--model', 'list-append', '--consistency-models', 'read-committed');
    expect(code).toBe(1);
    expect(text).toMatch(/anomalies: G1c/);
    expect(text).toMatch(/not: read-committed/);
    expect(text).toMatch(/T0 < T1 because T1 appended 2 after T0 appended 1 to :x/);
    expect(text).toMatch(/T1 < T0 because T0 observed T1's append of 1 to key :y/);
  });

  it('--linearizable-keys: rw-register versions from realtime order, cyclic-versions (elle rw_register_test.clj checker-test), exit 1', async () => {
    const f = join(dir, 'rw-cyclic.edn');
    writeFileSync(f, [
      '{:type :invoke :process 0 :f :txn :value [[:w :x 1]]}', '{:type :ok :process 0 :f :txn :value [[:w :x 1]]}',
      '{:type :invoke :process 0 :f :txn :value [[:r :x nil]]}', '{:type :ok :process 0 :f :txn :value [[:r :x 2]]}',
      '{:type :invoke :process 0 :f :txn :value [[:r :x nil]]}', '{:type :ok :process 0 :f :txn :value [[:r :x 1]]}',
    ].join('\n'));
    expect((await run(f, '--model', 'rw-register')).code).toBe(0);
    const { code, text } = await run(f, '--model', 'rw-register', '--linearizable-keys');
    expect(code).toBe(1);
    expect(text).toMatch(/anomalies: cyclic-versions/);
    expect(text).toMatch(/key :x has a cycle in its version order among \{1 2\}, inferred from initial-state, linearizable-keys/);
  });

  it('--transaction-order: a white-box commit order reveals G-single-item (elle rw_register_test.clj "G-single transaction-order"), exit 1', async () => {
    const f = join(dir, 'rw-order.edn');
    writeFileSync(f, ['{:index 0 :type :ok :process 0 :f :txn :value [[:r :x nil] [:w :y 2]]}', '{:index 1 :type :ok :process 0 :f :txn :value [[:w :x 3] [:w :y 4]]}'].join('\n'));
    const order = join(dir, 'order.edn');
    writeFileSync(order, '{0 2, 1 1}');
    expect((await run(f, '--model', 'rw-register', '--consistency-models', 'serializable')).code).toBe(0);
    for (const arg of ['0:2,1:1', `@${order}`]) {
      const { code, text } = await run(f, '--model', 'rw-register', '--consistency-models', 'serializable', '--transaction-order', arg);
      expect(code).toBe(1);
      expect(text).toMatch(/anomalies: G-single-item/);
    }
    const bad = await run(f, '--model', 'rw-register', '--transaction-order', '0:x');
    expect(bad.code).toBe(64);
    expect(bad.text).toMatch(/transaction order pairs must be whole numbers/);
  });

  it('passes a clean JSONL history under strict-serializable, exit 0', async () => {
    const { code, text } = await run(clean, '--model', 'list-append');
    expect(text).toMatch(/verdict: valid/);
    expect(code).toBe(0);
  });

  it('answers unknown with the reason when the time budget runs out, exit 2', async () => {
    const { code, text } = await run(g1c, '--model=list-append', '--timeout-ms', '0');
    expect(code).toBe(2);
    expect(text).toMatch(/unknown: budget: the time budget ran out/);
  });

  it('refuses an unknown consistency model with a usage error, exit 64', async () => {
    const { code, text } = await run(g1c, '--model', 'rw-register', '--consistency-models', 'serialisable');
    expect(code).toBe(64);
    expect(text).toMatch(/unknown consistency model serialisable/);
  });
});
