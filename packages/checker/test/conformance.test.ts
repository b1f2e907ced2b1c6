// Conformance against Porcupine's corpus of Jepsen histories with known verdicts
// (github.com/anishathalye/porcupine test_data/, see shared/corpora/porcupine/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations, kvModel, pairOperations, parseHistory, type Model } from '../src/index.ts';
import { corpusDir } from './support.ts';

const corpus = corpusDir();
const LINEARIZABLE_ETCD = new Set([2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102]);
const etcdCases = Array.from({ length: 103 }, (_, i) => i)
  .filter((i) => i !== 95)
  .map((i) => ({ file: `etcd_${String(i).padStart(3, '0')}.log`, linearizable: LINEARIZABLE_ETCD.has(i) }));

function verdictOf(path: string, model: Model): string {
  const parsed = parseHistory(readFileSync(path, 'utf8'));
  return checkOperations(model, pairOperations(parsed.events, parsed.lines)).verdict;
}

describe('the Porcupine etcd corpus (cas-register, initially nil)', () => {
  it('has the 102 histories with verdicts, and 23 of them are linearizable', () => {
    expect(etcdCases).toHaveLength(102);
    expect(etcdCases.filter((c) => c.linearizable)).toHaveLength(23);
  });

  it.each(etcdCases)('finds $file linearizable exactly when the README says so ($linearizable)', ({ file, linearizable }) => {
    const verdict = verdictOf(join(corpus, 'jepsen', file), casRegisterModel);
    expect(verdict).toBe(linearizable ? 'linearizable' : 'not-linearizable');
  });

  it('refuses etcd_095, which is empty and has no verdict', () => {
    expect(() => parseHistory(readFileSync(join(corpus, 'jepsen', 'etcd_095.log'), 'utf8'))).toThrow(/empty/);
  });
});

describe('the Porcupine kv corpus (get/put/append per key, initially "")', () => {
  it.each(['c01', 'c10', 'c50'])('finds the %s -ok history linearizable and the -bad one not', (clients) => {
    expect(verdictOf(join(corpus, 'kv', `${clients}-ok.txt`), kvModel)).toBe('linearizable');
    expect(verdictOf(join(corpus, 'kv', `${clients}-bad.txt`), kvModel)).toBe('not-linearizable');
  });
});
