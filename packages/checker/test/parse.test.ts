// The history parsers: faultline JSONL, Jepsen EDN (edn-format.org spec, subset), and the etcd
// log of Porcupine's corpus (semantics from shared/corpora/porcupine/README.md).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  EdnSyntaxError,
  formatJsonl,
  HistoryParseError,
  pairOperations,
  parseEtcdLog,
  parseHistory,
  parseJepsenEdn,
  parseJsonl,
  readEdn,
  readJsonlFile,
  writeJsonlFile,
} from '../src/index.ts';
import { ev } from './support.ts';

describe('the JSONL format', () => {
  it('round-trips events through text and through a file', async () => {
    const events = [ev('invoke', 0, 'cas', [1, 2], 1.5), ev('ok', 0, 'cas', [1, 2], 2), ev('invoke', 1, 'get', null, 3, 'k')];
    expect(parseJsonl(formatJsonl(events)).events).toEqual(events);
    const dir = await mkdtemp(join(tmpdir(), 'checker-'));
    try {
      await writeJsonlFile(join(dir, 'h.jsonl'), events);
      expect((await readJsonlFile(join(dir, 'h.jsonl'))).events).toEqual(events);
      expect((await readFile(join(dir, 'h.jsonl'), 'utf8')).split('\n')[2]).toBe('{"type":"invoke","process":1,"f":"get","key":"k","value":null,"time":3}');
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('names the line and field of a malformed event', () => {
    const text = '{"type":"invoke","process":0,"f":"read","value":null,"time":0}\n\n{"type":"done","process":0,"f":"read","value":1,"time":1}';
    expect(() => parseJsonl(text)).toThrow(HistoryParseError);
    expect(() => parseJsonl(text)).toThrow(/^line 3: field "type" must be one of invoke, ok, fail, info; got "done"/);
    expect(() => parseJsonl('{"type":"ok","process":1.5,"f":"read","value":1,"time":1}')).toThrow(/field "process" must be an integer/);
    expect(() => parseJsonl('{"type":"ok","process":1,"f":"read","value":1}')).toThrow(/field "time" must be a finite number of ms; got nothing/);
    expect(() => parseJsonl('{"type":')).toThrow(/^line 1: not valid JSON/);
  });

  it('keeps source line numbers so pairing errors point into the file', () => {
    const parsed = parseJsonl('\n{"type":"ok","process":4,"f":"read","value":1,"time":1}\n');
    expect(() => pairOperations(parsed.events, parsed.lines)).toThrow(/^line 2 \(process 4\)/);
  });
});

describe('the EDN reader', () => {
  it('reads keywords, strings with escapes, integers, nil, booleans and nested vectors', () => {
    expect(readEdn('[:a "q\\"\\\\\\n\\u00e9" -12 nil true [1 [2]]]')).toEqual([
      { kind: 'keyword', name: 'a' },
      'q"\\\né',
      -12,
      null,
      true,
      [1, [2]],
    ]);
  });

  it('reads a Jepsen event map, with commas as whitespace', () => {
    const value = readEdn('{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}');
    expect(value).toEqual({
      kind: 'map',
      entries: new Map<string, unknown>([
        ['process', 0],
        ['type', { kind: 'keyword', name: 'invoke' }],
        ['f', { kind: 'keyword', name: 'append' }],
        ['key', '0'],
        ['value', 'x 0 0 y'],
      ]),
    });
  });

  it('rejects malformed input with the column', () => {
    expect(() => readEdn('{:a 1')).toThrow(EdnSyntaxError);
    expect(() => readEdn('{:a 1')).toThrow(/column 1: map is not closed/);
    expect(() => readEdn('"abc')).toThrow(/string is not closed/);
    expect(() => readEdn('{"a" 1}')).toThrow(/map keys must be keywords/);
    expect(() => readEdn('[1 2] 3')).toThrow(/column 7: unexpected "3" after the value/);
    expect(() => readEdn('"\\q"')).toThrow(/unknown string escape \\q/);
    expect(() => readEdn('{:a}')).toThrow(/map key :a has no value/);
  });
});

describe('the Jepsen EDN history parser', () => {
  it('turns one map per line into events timed by line, skipping nemesis events', () => {
    const text = [
      '{:process 0, :type :invoke, :f :get, :key "k", :value nil}',
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '{:process 0, :type :ok, :f :get, :key "k", :value "a"}',
    ].join('\n');
    const parsed = parseJepsenEdn(text);
    expect(parsed.events).toEqual([ev('invoke', 0, 'get', null, 1, 'k'), ev('ok', 0, 'get', 'a', 3, 'k')]);
    expect(parsed.lines).toEqual([1, 3]);
  });

  it('converts Jepsen :time nanoseconds to ms', () => {
    expect(parseJepsenEdn('{:process 1, :type :invoke, :f :read, :value nil, :time 2500000}').events[0]?.time).toBe(2.5);
  });

  it('names the line and key of a bad event', () => {
    expect(() => parseJepsenEdn('\n{:process 0, :type :invoke, :f :frob, :value nil}')).toThrow(/^line 2: :f must be one of/);
    expect(() => parseJepsenEdn('{:process 0, :type :invoke')).toThrow(/^line 1: EDN column 1: map is not closed/);
  });
});

describe('the etcd log parser (Porcupine corpus)', () => {
  const log = (...lines: string[]) => lines.map((l) => `INFO  jepsen.util - ${l}`).join('\n');

  it('reads reads, writes and cas with nil, integers and [from to]', () => {
    const parsed = parseEtcdLog(log('0\t:invoke\t:read\tnil', '0\t:ok\t:read\tnil', '1\t:invoke\t:cas\t[3 0]', '1\t:fail\t:cas\t[3 0]'));
    expect(parsed.events).toEqual([
      ev('invoke', 0, 'read', null, 1),
      ev('ok', 0, 'read', null, 2),
      ev('invoke', 1, 'cas', [3, 0], 3),
      ev('fail', 1, 'cas', [3, 0], 4),
    ]);
  });

  it('treats :fail :read :timed-out as a read of unknown result and :info as indeterminate', () => {
    const parsed = parseEtcdLog(log('0 :invoke :read nil', '0 :fail :read :timed-out', '1 :invoke :write 4', '1 :info :write :timed-out'));
    expect(parsed.events.map((e) => [e.type, e.value])).toEqual([
      ['invoke', null],
      ['info', null],
      ['invoke', 4],
      ['info', null],
    ]);
    expect(pairOperations(parsed.events).map((o) => o.status)).toEqual(['unknown', 'unknown']);
  });

  it('rejects lines it does not understand, naming them', () => {
    expect(() => parseEtcdLog(log('0 :invoke :read nil', '0 :ok :read banana'))).toThrow(/^line 2: value "banana" is not nil/);
    expect(() => parseEtcdLog('WARN something else')).toThrow(/^line 1: expected "INFO  jepsen.util/);
  });
});

describe('format detection', () => {
  it('tells the three formats apart by their first non-blank line', () => {
    expect(detectFormat('\n{"type":"invoke"}')).toBe('jsonl');
    expect(detectFormat('{:process 0}')).toBe('jepsen-edn');
    expect(detectFormat('INFO  jepsen.util - 0\t:invoke\t:read\tnil')).toBe('etcd-log');
    expect(detectFormat('  \n')).toBeUndefined();
    expect(() => detectFormat('\nhello')).toThrow(/^line 2: unrecognised history format/);
  });

  it('refuses an empty history rather than call it linearizable', () => {
    expect(() => parseHistory('')).toThrow(/history is empty/);
  });
});
