import { checkListAppend, parseTxnHistory } from '@faultline/checker';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel, loadRunFolder, RunFolderError, RunRecorder } from '../src/index.ts';
import { txnCycleSvg } from '../src/client/txn-cycle-svg.ts';
import { txnCycleCharts } from '../src/model/txn-cycles.ts';

// Elle's G1c history (jepsen-io/elle test/elle/list_append_test.clj checker-test "G1c") with
// invocations, on two processes.
const edn = [
  '{:index 0 :type :invoke :process 0 :f :txn :value [[:append :x 1] [:r :y nil]]}',
  '{:index 1 :type :invoke :process 1 :f :txn :value [[:append :x 2] [:append :y 1]]}',
  '{:index 2 :type :ok :process 0 :f :txn :value [[:append :x 1] [:r :y [1]]]}',
  '{:index 3 :type :ok :process 1 :f :txn :value [[:append :x 2] [:append :y 1]]}',
  '{:index 4 :type :invoke :process 2 :f :txn :value [[:r :x nil]]}',
  '{:index 5 :type :ok :process 2 :f :txn :value [[:r :x [1 2]]]}',
].join('\n');

describe('report: a transactional anomaly\'s cycle over the timeline', () => {
  const h = parseTxnHistory(edn);
  const r = checkListAppend(h, { consistencyModels: ['read-committed'] });
  const charts = txnCycleCharts(h, r);

  it('places each transaction of the cycle by its invocation and completion, and labels each edge', () => {
    expect(r.anomalyTypes).toEqual(['G1c']);
    expect(charts).toHaveLength(1);
    const c = charts[0]!;
    expect(c.type).toBe('G1c');
    const byName = Object.fromEntries(c.txns.map((t) => [t.name, t]));
    expect(byName['T2']).toMatchObject({ process: 0, start: 0, end: 2, mops: '[:append :x 1] [:r :y [1]]' });
    expect(byName['T3']).toMatchObject({ process: 1, start: 1, end: 3 });
    const labels = c.edges.map((e) => `${c.txns[e.from]!.name}->${c.txns[e.to]!.name} ${e.label}`).sort();
    expect(labels).toEqual(['T2->T3 ww :x 1→2', 'T3->T2 wr :y 1']);
  });

  it('draws one bar per transaction, one lane per process and one coloured, labelled arrow per edge', () => {
    const svg = txnCycleSvg(charts[0]!);
    expect(svg.match(/<g class="txn">/g)).toHaveLength(2);
    expect(svg).toContain('process 0');
    expect(svg).toContain('process 1');
    expect(svg).not.toContain('process 2');
    expect([...svg.matchAll(/<g class="edge" data-rel="(\w+)">/g)].map((m) => m[1]).sort()).toEqual(['wr', 'ww']);
    expect(svg).toContain('>ww :x 1→2</text>');
    expect(svg).toContain('>wr :y 1</text>');
    expect(svg).toContain("<title>T2 observed T3&#39;s append".replace('&#39;', "'"));
  });

  it('escapes text, so a key cannot inject markup', () => {
    const bad = { type: 'G0', txns: [{ name: 'T0', process: 0, start: 0, end: 1, mops: '<script>' }, { name: 'T1', process: 0, start: 2, end: 3, mops: '' }], edges: [{ from: 0, to: 1, rel: 'ww' as const, label: 'ww <b>', text: '"x"' }, { from: 1, to: 0, rel: 'ww' as const, label: 'ww', text: '' }] };
    const svg = txnCycleSvg(bad);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
  });
});

describe('report: txn.json in a run folder', () => {
  const h = parseTxnHistory(edn);
  const charts = txnCycleCharts(h, checkListAppend(h, { consistencyModels: ['read-committed'] }));

  it('a recorder writes the charts to txn.json, and the page model carries them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-txn-report-'));
    const rec = new RunRecorder({ dir, title: 'txn run', seed: null, runtime: 'sim', nodes: [], replay: 'faultline check h.edn --model list-append', trace: false });
    rec.txnCycleCharts(charts);
    rec.finish(0);
    const model = buildReportModel(loadRunFolder(dir));
    expect(model.txnCycles).toEqual(charts);
  });

  it('refuses a txn.json that is not a list of charts, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-txn-report-'));
    const rec = new RunRecorder({ dir, title: 'txn run', seed: null, runtime: 'sim', nodes: [], replay: 'x', trace: false });
    rec.finish(0);
    writeFileSync(join(dir, 'txn.json'), '{"type": "G0"}');
    expect(() => loadRunFolder(dir)).toThrow(RunFolderError);
    expect(() => loadRunFolder(dir)).toThrow(/txn\.json: must be a JSON array of cycle charts/);
  });
});
