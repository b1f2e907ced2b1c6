import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@faultline/core';
import { privateStorageRoot } from '../../src/host/storage/private-dir.ts';

// Issue 20, item 5: node storage lived under predictable names in the shared temp folder, where
// another user could plant a symlink or a folder first.
let parent: string;
const uid = process.getuid?.() ?? 0;
beforeEach(() => { parent = mkdtempSync(join(tmpdir(), 'faultline-root-test-')); });
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('privateStorageRoot: this user\'s storage folder', () => {
  it('is made with mode 0700 and found again on the next call', () => {
    const dir = privateStorageRoot(parent);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(privateStorageRoot(parent)).toBe(dir);
  });

  it('refuses a planted symlink in its place', () => {
    const elsewhere = join(parent, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(parent, `faultline-${uid}`));
    expect(() => privateStorageRoot(parent)).toThrow(ConfigError);
    expect(() => privateStorageRoot(parent)).toThrow(/symlink/);
  });

  it('refuses a folder others can open', () => {
    mkdirSync(join(parent, `faultline-${uid}`));
    chmodSync(join(parent, `faultline-${uid}`), 0o755);
    expect(() => privateStorageRoot(parent)).toThrow(/open to others/);
  });
});
