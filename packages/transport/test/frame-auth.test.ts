import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@faultline/core';
import { FrameAuth, generateClusterKey, loadClusterKey, receiveUnit, unseal } from '../src/index.ts';

const KEY = new Uint8Array(32).fill(1);
const body = new Uint8Array([1, 2, 3, 4, 5]);

describe('FrameAuth: a truncated HMAC-SHA256 over each unit on a directed link', () => {
  const auth = new FrameAuth({ key: KEY }, ['n1', 'n2', 'driver']);

  it('opens what it sealed, giving back the sender and the body', () => {
    const sealed = auth.seal('n1', 'n2', body);
    expect(sealed.length).toBe(4 + 2 + 16 + body.length);
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
    const otherKey = new FrameAuth({ key: new Uint8Array(16).fill(2) }, ['n1']).seal('n1', 'n2', body);
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
    expect(() => new FrameAuth({ key: new Uint8Array(8) }, [])).toThrow(/auth.key .*at least 16 bytes/);
    expect(() => new FrameAuth({ key: KEY, tagBytes: 4 }, [])).toThrow(/auth.tagBytes must be between 8 and 32/);
  });
});

describe('loadClusterKey: from a file or the environment, never the command line', () => {
  it('reads hex or text from a key file, and from an environment variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-key-'));
    const hex = generateClusterKey();
    writeFileSync(join(dir, 'hex.key'), `${hex}\n`);
    expect(Buffer.from(loadClusterKey({ file: join(dir, 'hex.key') })).toString('hex')).toBe(hex);
    writeFileSync(join(dir, 'text.key'), 'correct horse battery staple');
    expect(loadClusterKey({ file: join(dir, 'text.key') }).length).toBe(28);
    expect(loadClusterKey(undefined, { FAULTLINE_CLUSTER_KEY_FILE: join(dir, 'hex.key') }).length).toBe(32);
    expect(loadClusterKey(undefined, { FAULTLINE_CLUSTER_KEY: hex }).length).toBe(32);
  });

  it('says what is missing or too short', () => {
    expect(() => loadClusterKey(undefined, {})).toThrow(/\$FAULTLINE_CLUSTER_KEY must hold the cluster key/);
    expect(() => loadClusterKey({ env: 'K' }, { K: 'short' })).toThrow(ConfigError);
    expect(() => loadClusterKey({ file: '/nonexistent/key' })).toThrow(/cluster key file .*must be a readable file/);
  });
});
