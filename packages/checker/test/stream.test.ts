// Streaming a history file (what `faultline check` does) gives the same events, lines and errors
// as parsing its whole text, across chunk boundaries (64 KiB), CRLF line ends and UTF-8
// characters split between two reads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, MemoryBudget, pairOperations, parseHistory, readOperations, streamHistoryFile, type HistoryEvent } from '../src/index.ts';
import { corpusDir } from './support.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checker-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true });
});

async function streamed(path: string): Promise<{ format: string; events: HistoryEvent[]; lines: number[] }> {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  const format = await streamHistoryFile(path, (e, line) => {
    events.push(e);
    lines.push(line);
  });
  return { format, events, lines };
}

/** A kv JSONL history over several chunks: multi-byte values, CRLF ends, blank lines, no final newline. */
function kvText(ops: number): string {
  const rows: string[] = ['', '  '];
  for (let i = 0; i < ops; i++) {
    const value = `é${'ü'.repeat(i % 7)}→${i}`;
    rows.push(JSON.stringify({ type: 'invoke', process: 0, f: 'put', key: 'k', value, time: 2 * i }));
    rows.push(JSON.stringify({ type: 'ok', process: 0, f: 'put', key: 'k', value, time: 2 * i + 1 }));
    if (i % 50 === 0) rows.push('');
  }
  return rows.join('\r\n');
}

describe('streamHistoryFile', () => {
  it('gives the events and lines parseHistory gives for the whole text, across chunks', async () => {
    const text = kvText(3000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 65536);
    const file = join(dir, 'kv.jsonl');
    await writeFile(file, text);
    const whole = parseHistory(text);
    expect(await streamed(file)).toEqual({ format: 'jsonl', events: whole.events, lines: whole.lines });
  });

  it('reads the Jepsen EDN and etcd log corpora as parseHistory does', async () => {
    const corpus = corpusDir();
    for (const path of [join(corpus, 'kv', 'c50-ok.txt'), join(corpus, 'jepsen', 'etcd_000.log')]) {
      const whole = parseHistory(await readFile(path, 'utf8'));
      expect(await streamed(path)).toEqual({ format: whole.format, events: whole.events, lines: whole.lines });
    }
  });

  it('names the right line of a malformed event past the first chunk', async () => {
    const text = `${kvText(2000)}\n{"type":"ok","process":0}\n`;
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, text);
    const line = text.split('\n').length - 1;
    expect(() => parseHistory(text)).toThrow(`line ${line}: field "f" must be one of`);
    await expect(streamed(file)).rejects.toThrow(`line ${line}: field "f" must be one of`);
  });

  it('reads a line longer than a chunk', async () => {
    const value = 'x'.repeat(200_000);
    const text = [{ type: 'invoke', process: 0, f: 'put', key: 'k', value, time: 0 }, { type: 'ok', process: 0, f: 'put', key: 'k', value, time: 1 }]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const file = join(dir, 'long-line.jsonl');
    await writeFile(file, text);
    const { events } = await streamed(file);
    expect(events.map((e) => (e.value as string).length)).toEqual([200_000, 200_000]);
  });

  it('says a blank file is empty', async () => {
    const file = join(dir, 'blank.jsonl');
    await writeFile(file, '\n  \r\n\n');
    await expect(streamed(file)).rejects.toThrow('history is empty: it has no events to check');
  });
});

describe('readOperations', () => {
  it('pairs as it reads: the same operations as pairing the parsed text, and the events only when asked', async () => {
    const text = kvText(3000);
    const file = join(dir, 'kv-ops.jsonl');
    await writeFile(file, text);
    const whole = parseHistory(text);
    const options = { deadline: Deadline.of({}), budget: new MemoryBudget(Infinity) };
    const lean = await readOperations(file, { ...options, keepEvents: false });
    expect(lean.ops).toEqual(pairOperations(whole.events, whole.lines));
    expect(lean.events).toBeUndefined();
    const kept = await readOperations(file, { ...options, keepEvents: true });
    expect(kept.events).toEqual(whole.events);
    expect(kept.bytes).toBeGreaterThan(lean.bytes);
  });
});
