import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@faultline/core';
import { FrameAuth, generateClusterKey, loadClusterKey, receiveUnit, ReplayWindow, unseal } from '../src/index.ts';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const body = new Uint8Array([1, 2, 3, 4, 5]);

describe('FrameAuth: a truncated HMAC-SHA256 over each unit on a directed link', () => {
  const auth = new FrameAuth({ key: KEY }, ['n1', 'n2', 'driver']);

  it('opens what it sealed, giving back the sender and the body', () => {
    const sealed = auth.seal('n1', 'n2', body);
    expect(sealed.length).toBe(4 + 2 + 12 + 16 + body.length);
    const opened = auth.open(sealed, 'n2');
    expect(opened).toEqual({ ok: true, from: 'n1', body });
  });

  it('refuses a flipped bit anywhere, another receiver, a stranger, another key, a missing seal', () => {
    const sealed = auth.seal('n1', 'n2', body);
    for (let i = 4; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i] = (bad[i] as number) ^ 0x01;
      const opened = auth.open(bad, 'n2');
      expect(opened.ok, `byte ${i}`).toBe(false);
    }
    expect(auth.open(sealed, 'driver')).toMatchObject({ ok: false, reason: 'bad-mac' });
    const stranger = new FrameAuth({ key: KEY }, ['eve']).seal('eve', 'n2', body);
    expect(auth.open(stranger, 'n2')).toMatchObject({ ok: false, reason: 'unknown-sender', from: 'eve' });
    const otherKey = new FrameAuth({ key: Uint8Array.from({ length: 32 }, (_, i) => i + 2) }, ['n1']).seal('n1', 'n2', body);
    expect(auth.open(otherKey, 'n2')).toMatchObject({ ok: false, reason: 'bad-mac', from: 'n1' });
    expect(auth.open(body, 'n2')).toMatchObject({ ok: false, reason: 'missing-mac' });
    expect(auth.open(sealed.subarray(0, 10), 'n2')).toMatchObject({ ok: false, reason: 'bad-mac' });
  });

  it('without a key, a receiver reads sealed and plain units alike, unchecked', () => {
    expect(receiveUnit(undefined, body, 'n2')).toEqual({ ok: true, body, from: undefined });
    expect(receiveUnit(undefined, auth.seal('n1', 'n2', body), 'n2')).toEqual({ ok: true, body, from: undefined });
    expect(unseal(body)).toMatchObject({ ok: false, reason: 'missing-mac' });
  });

  it('rejects a short key or a tag length out of range, naming the field', () => {
    expect(() => new FrameAuth({ key: new Uint8Array(8) }, [])).toThrow(/auth.key .*at least 32 bytes.*openssl rand -hex 32/);
    expect(() => new FrameAuth({ key: new Uint8Array(32) }, [])).toThrow(/auth.key .*must be random/);
    expect(() => new FrameAuth({ key: KEY, tagBytes: 4 }, [])).toThrow(/auth.tagBytes must be between 8 and 32/);
  });
});

describe('loadClusterKey: from a file or the environment, never the command line', () => {
  it('reads hex or text from a key file, and from an environment variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-key-'));
    const hex = generateClusterKey();
    writeFileSync(join(dir, 'hex.key'), `${hex}\n`, { mode: 0o600 });
    expect(Buffer.from(loadClusterKey({ file: join(dir, 'hex.key') })).toString('hex')).toBe(hex);
    writeFileSync(join(dir, 'text.key'), 'correct horse battery staple, and more words', { mode: 0o600 });
    expect(loadClusterKey({ file: join(dir, 'text.key') }).length).toBe(44);
    expect(loadClusterKey(undefined, { FAULTLINE_CLUSTER_KEY_FILE: join(dir, 'hex.key') }).length).toBe(32);
    expect(loadClusterKey(undefined, { FAULTLINE_CLUSTER_KEY: hex }).length).toBe(32);
  });

  it('says what is missing or too short', () => {
    expect(() => loadClusterKey(undefined, {})).toThrow(/\$FAULTLINE_CLUSTER_KEY must hold the cluster key/);
    expect(() => loadClusterKey({ env: 'K' }, { K: 'short' })).toThrow(ConfigError);
    expect(() => loadClusterKey({ file: '/nonexistent/key' })).toThrow(/cluster key file .*must be a readable file/);
  });

  // Issue 20, item 4: keys others can read, weak keys and endless files were accepted (or hung).
  it('refuses a key file group or others can read or write, as ssh refuses such a private key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-key-'));
    const file = join(dir, 'open.key');
    writeFileSync(file, generateClusterKey(), { mode: 0o600 });
    for (const mode of [0o644, 0o640, 0o622, 0o606]) {
      chmodSync(file, mode);
      expect(() => loadClusterKey({ file }), mode.toString(8)).toThrow(/must be private to its owner.*chmod 600/);
    }
    chmodSync(file, 0o400);
    expect(loadClusterKey({ file }).length).toBe(32);
  });

  it('refuses weak keys (all zero, one byte repeated, a short passphrase) saying how to make one', () => {
    expect(() => loadClusterKey({ env: 'K' }, { K: '00'.repeat(32) })).toThrow(/must be random.*openssl rand -hex 32/);
    expect(() => loadClusterKey({ env: 'K' }, { K: 'ab'.repeat(32) })).toThrow(/must be random/);
    expect(() => loadClusterKey({ env: 'K' }, { K: 'hunter2 is my password' })).toThrow(/at least 32 bytes.*openssl rand -hex 32/);
  });

  it('bounds the read: /dev/zero and a huge file are refused at once, not read to the end', () => {
    expect(() => loadClusterKey({ file: '/dev/zero' })).toThrow(/must be a regular file/);
    const dir = mkdtempSync(join(tmpdir(), 'faultline-key-'));
    const file = join(dir, 'huge.key');
    writeFileSync(file, 'a'.repeat(1 << 20), { mode: 0o600 });
    expect(() => loadClusterKey({ file })).toThrow(/not more than 4096 bytes/);
  });
});

describe('ReplayWindow: the anti-replay bitmap of RFC 4303 §3.4.3 / RFC 6479', () => {
  it('takes each number once, in any order within the window, and refuses numbers below it', () => {
    const w = new ReplayWindow(64);
    expect([5, 3, 4, 3, 5, 0].map((n) => w.accept(n))).toEqual([true, true, true, false, false, true]);
    expect(w.accept(100)).toBe(true);
    expect(w.check(36)).toBe('too-old');
    expect(w.check(37)).toBeUndefined();
    expect(w.check(100)).toBe('replayed');
    expect(w.accept(99)).toBe(true);
    expect(w.accept(99)).toBe(false);
    expect(w.accept(100 + 64 * 3)).toBe(true);
    expect(w.check(100)).toBe('too-old');
  });

  it('agrees with a set of every number seen, on a seeded shuffle', () => {
    const w = new ReplayWindow(32);
    const seen = new Set<number>();
    let highest = -1;
    let x = 12345;
    for (let i = 0; i < 5_000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const n = Math.max(0, i - (x % 40)) + (x % 3);
      const fresh = !seen.has(n) && !(highest - n >= 32);
      expect(w.accept(n), `step ${i}, number ${n}`).toBe(fresh);
      if (fresh) {
        seen.add(n);
        highest = Math.max(highest, n);
      }
    }
  });
});

// Issue 20, item 3: a sealed batch was applied again when replayed, in another run, in another cluster.
describe('FrameAuth refuses replays: within a run, across runs and across clusters', () => {
  const run = Uint8Array.from({ length: 16 }, (_, i) => i);
  const sender = (scope: { cluster?: string; run?: Uint8Array; incarnation?: number } = {}) =>
    new FrameAuth({ key: KEY }, ['n1', 'n2'], { cluster: 'lab', run, incarnation: 1, ...scope });

  it('opens a batch once; the same bytes again are replayed', () => {
    const receiver = sender();
    const sealed = sender().seal('n1', 'n2', body);
    expect(receiver.open(sealed, 'n2')).toMatchObject({ ok: true });
    expect(receiver.open(sealed, 'n2')).toMatchObject({ ok: false, reason: 'replayed', from: 'n1' });
    expect(receiver.open(sealed, 'n2')).toMatchObject({ ok: false, reason: 'replayed' });
  });

  it('refuses a batch from an older incarnation of the sender once a newer one spoke', () => {
    const receiver = sender();
    const old = sender({ incarnation: 1 }).seal('n1', 'n2', body);
    expect(receiver.open(sender({ incarnation: 2 }).seal('n1', 'n2', body), 'n2')).toMatchObject({ ok: true });
    expect(receiver.open(old, 'n2')).toMatchObject({ ok: false, reason: 'replayed', detail: expect.stringMatching(/incarnation 1/) });
  });

  it('refuses a batch sealed for another cluster or another run with the same key', () => {
    const receiver = sender();
    expect(receiver.open(sender({ cluster: 'lab2' }).seal('n1', 'n2', body), 'n2')).toMatchObject({ ok: false, reason: 'bad-mac' });
    expect(receiver.open(sender({ run: new Uint8Array(16) }).seal('n1', 'n2', body), 'n2')).toMatchObject({ ok: false, reason: 'bad-mac' });
  });

  it('a forged batch does not move the window', () => {
    const receiver = sender();
    const good = sender().seal('n1', 'n2', body);
    const forged = good.slice();
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1;
    expect(receiver.open(forged, 'n2')).toMatchObject({ ok: false, reason: 'bad-mac' });
    expect(receiver.open(good, 'n2')).toMatchObject({ ok: true });
  });
});
