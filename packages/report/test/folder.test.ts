import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@faultline/checker';
import { emptyCounters } from '@faultline/transport';
import { buildReportModel, loadRunFolder, RunFolderError, RunRecorder, writeReport } from '../src/index.ts';

const root = mkdtempSync(join(tmpdir(), 'faultline-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Two writes and a read that saw neither: not linearizable (the read's op cannot be placed). */
const HISTORY: HistoryEvent[] = [
  { type: 'invoke', process: 0, f: 'write', value: 1, time: 0 },
  { type: 'ok', process: 0, f: 'write', value: 1, time: 1 },
  { type: 'invoke', process: 1, f: 'read', value: null, time: 2 },
  { type: 'ok', process: 1, f: 'read', value: 2, time: 3 },
];

function recordRun(dir: string): void {
  const record = new RunRecorder({ dir, title: 'unit run', seed: 5, runtime: 'sim', nodes: ['n1', 'n2'], replay: 'faultline demo x --seed 5', trace: true });
  record.onTrace({ t: 0, ev: 'send', from: 'n1', to: 'n2', src: 'a@n1', dst: 'b@n2', kind: 'tell', id: 1, bytes: 20 },
    { from: { node: 'n1', name: 'a' }, to: { node: 'n2', name: 'b' }, kind: 'tell', id: 1, payload: { type: 'hello', n: 1 }, stamps: { lamport: 7, hlc: { l: 3, c: 1 } } } as never);
  record.onTrace({ t: 1, ev: 'deliver', from: 'n1', to: 'n2', src: 'a@n1', dst: 'b@n2', kind: 'tell', id: 1, bytes: 20 });
  record.history({ name: 'reg', model: 'register', events: HISTORY, nodeOfProcess: { '0': 'n1', '1': 'n2' } });
  record.nemesisSteps([{ t: 0.5, op: { kind: 'crash', nodes: ['n2'] }, text: 'crash n2' }]);
  record.countersSnapshot('whole run', { total: { ...emptyCounters(), sent: 1, delivered: 1 }, links: { 'n1->n2': { ...emptyCounters(), sent: 1, delivered: 1 } } });
  record.finish(4);
}

describe('a run folder', () => {
  it('reads back what the recorder wrote, checking a history that has no saved check', () => {
    const dir = join(root, 'a');
    recordRun(dir);
    const model = buildReportModel(loadRunFolder(dir));
    expect(model.seed).toBe(5);
    expect(model.replay).toBe('faultline demo x --seed 5');
    expect(model.messages?.types).toEqual(['hello']);
    expect(model.messages?.lamport).toEqual([7]);
    expect(model.messages?.hlc).toEqual(['3.1']);
    expect(model.windows).toEqual([{ kind: 'crash', from: 0.5, to: 4, nodes: ['n2'], label: 'crash n2' }]);
    const [h] = model.histories;
    expect(h?.check?.verdict).toBe('not-linearizable');
    expect(h?.check?.perKey[0]?.stuck).toEqual([1]);
    expect(model.counters[0]?.links.map((l) => l.link)).toEqual(['n1->n2']);
  });

  it('writes one self-contained report.html: no external script, style or link; data inlined', async () => {
    const dir = join(root, 'b');
    recordRun(dir);
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|https?:\/\/(?!www\.w3\.org)/i);
    expect(html).toContain('id="run-data"');
    expect(html).toContain('"title":"unit run"');
    expect(html).toContain("default-src 'none'");
  });

  it('refuses a folder without run.json, or with a history it lists missing, naming the file', () => {
    expect(() => loadRunFolder(join(root, 'nothing'))).toThrow(RunFolderError);
    expect(() => loadRunFolder(join(root, 'nothing'))).toThrow(/run\.json: not found/);
    const dir = join(root, 'c');
    recordRun(dir);
    rmSync(join(dir, 'reg.jsonl'));
    expect(() => loadRunFolder(dir)).toThrow(/reg\.jsonl: not found, but run\.json lists history 'reg'/);
    writeFileSync(join(dir, 'run.json'), '{"format":"other"}');
    expect(() => loadRunFolder(dir)).toThrow(/must have "format": "faultline-run\/1"/);
  });
});

describe('a run folder never mixes runs (issue 22 item 8)', () => {
  const base = join(root, 'mixed');
  const options = (dir: string) => ({ dir, title: 't', seed: 1, runtime: 'sim', nodes: ['n1'], replay: 'faultline demo t --seed 1', trace: false });
  const events = [{ type: 'invoke', process: 0, f: 'write', value: 1, time: 0 }, { type: 'ok', process: 0, f: 'write', value: 1, time: 1 }] as const;

  it('clears what an earlier run left (its histories and files) before writing', () => {
    const dir = join(base, 'a');
    const first = new RunRecorder(options(dir));
    first.history({ name: 'old', model: 'register', events: [...events] });
    first.nemesisSteps([{ t: 0, op: { kind: 'heal' }, text: 'heal' }]);
    first.finish(1);
    writeFileSync(join(dir, 'report.html'), 'stale');
    writeFileSync(join(dir, 'notes.txt'), 'the user\'s');
    const second = new RunRecorder(options(dir));
    second.history({ name: 'new', model: 'register', events: [...events] });
    second.finish(1);
    expect(readdirSync(dir).sort()).toEqual(['new.jsonl', 'notes.txt', 'run.json']);
    expect(loadRunFolder(dir).manifest.histories.map((h) => h.name)).toEqual(['new']);
  });

  it('refuses a folder where another run overwrote a file after run.json was written, naming the file', () => {
    const dir = join(base, 'b');
    const record = new RunRecorder(options(dir));
    record.history({ name: 'cp', model: 'register', events: [...events] });
    record.finish(1);
    writeFileSync(join(dir, 'cp.jsonl'), `${JSON.stringify({ type: 'invoke', process: 0, f: 'read', value: null, time: 0 })}\n`);
    expect(() => loadRunFolder(dir)).toThrow(/cp\.jsonl: was written by another run than the one run\.json describes/);
  });
});

// Issue 21: `faultline report` followed `../` in a run folder's history names and embedded a file
// from outside the folder; a garbage nemesis.jsonl exited 70.
describe('a run folder is read as untrusted input', () => {
  it('refuses a history name that is a path, and never reads the file it points at', () => {
    const dir = join(root, 'escape', 'run');
    recordRun(dir);
    writeFileSync(join(root, 'escape', 'secret.jsonl'), `${JSON.stringify(HISTORY[0])}\n${JSON.stringify(HISTORY[1])}\n`);
    const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { histories: { name: string }[] };
    for (const name of ['../secret', '..', '.hidden', 'a/b', '/etc/passwd']) {
      manifest.histories[0]!.name = name;
      writeFileSync(join(dir, 'run.json'), JSON.stringify(manifest));
      expect(() => loadRunFolder(dir)).toThrow(new RunFolderError(join(dir, 'run.json'), `history name ${JSON.stringify(name)} must be letters, digits, '.', '_' or '-', not starting with '.' (a file of the run folder)`));
    }
  });

  it('refuses to record a history under a name that is a path', () => {
    const record = new RunRecorder({ dir: join(root, 'escape', 'w'), title: 't', seed: 1, runtime: 'sim', nodes: [], replay: 'x', trace: false });
    expect(() => record.history({ name: '../out', model: 'register', events: HISTORY })).toThrow(/history name/);
  });

  it.each([
    ['nemesis.jsonl', '42', /nemesis\.jsonl: line 1: must be an object/],
    ['nemesis.jsonl', '{"t":"soon","op":{"kind":"crash"},"text":"x"}', /line 1: "t" must be a finite number/],
    ['nemesis.jsonl', '{"t":1,"op":{"kind":"crash","nodes":[1]},"text":"x"}', /"op\.nodes" must be a list of node names/],
    ['nemesis.jsonl', '{"t":1,"op":{"kind":"partition","plan":{"groups":"n1"}},"text":"x"}', /"op\.plan\.groups" must be lists/],
    ['nemesis.jsonl', '{"t":1,"op":{"kind":"crash"},"text":"x","lateMs":-3}', /"lateMs" must be a number of ms, not negative/],
    ['nemesis.jsonl', '{"t":1,"op":{"kind":"crash"},"text":"x","skipped":true}', /"skipped" must be a string \(the reason\)/],
    ['membership.jsonl', '{"type":"status","observer":"n1"}', /membership\.jsonl: line 1: "at" must be a finite number/],
    ['raft-roles.jsonl', '{"node":"n1","at":1,"role":"leader","term":"two","commitIndex":0}', /raft-roles\.jsonl: line 1: "term" must be a finite number/],
    ['trace.jsonl', '{"t":0,"ev":"teleport","id":1,"bytes":1}', /trace\.jsonl: line 1: "ev" must be send, deliver or drop/],
  ])('refuses a garbage %s (%s) with a RunFolderError naming file and line', (file, text, message) => {
    const dir = join(root, 'garbage', file + text.length);
    recordRun(dir);
    writeFileSync(join(dir, file), `${text}\n`);
    const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { files?: Record<string, string> };
    delete manifest.files; // an edited folder without checksums: the records themselves are checked
    writeFileSync(join(dir, 'run.json'), JSON.stringify(manifest));
    expect(() => loadRunFolder(dir)).toThrow(RunFolderError);
    expect(() => loadRunFolder(dir)).toThrow(message);
  });
});
