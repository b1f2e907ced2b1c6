// `pnpm faultline check relative/path` from a sub-folder (issue 10, item 7): pnpm runs the script in
// the workspace root, so the command resolves relative paths from INIT_CWD, the folder the user was in.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { callerDirectory } from '../src/cli/caller-dir.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repo, 'packages/demos/bin/faultline.cjs');
const caller = mkdtempSync(join(tmpdir(), 'faultline-caller-'));
afterAll(() => rmSync(caller, { recursive: true, force: true }));

describe('the folder relative paths are taken from', () => {
  it('is INIT_CWD when run from a package script in its package root', () => {
    expect(callerDirectory({ INIT_CWD: caller, npm_lifecycle_event: 'faultline' }, repo)).toBe(caller);
  });

  it('is the working folder otherwise: no script, a script that changed folder, or no such INIT_CWD', () => {
    expect(callerDirectory({ INIT_CWD: caller }, repo)).toBe(repo);
    expect(callerDirectory({ INIT_CWD: caller, npm_lifecycle_event: 'x' }, join(repo, 'docs'))).toBe(join(repo, 'docs'));
    expect(callerDirectory({ INIT_CWD: join(caller, 'gone'), npm_lifecycle_event: 'x' }, repo)).toBe(repo);
    expect(callerDirectory({}, repo)).toBe(repo);
  });

  it('lets `faultline check sub/h.jsonl` read the file under the caller folder while running in the repo root', async () => {
    mkdirSync(join(caller, 'sub'));
    writeFileSync(join(caller, 'sub/h.jsonl'), [
      '{"type":"invoke","process":0,"f":"add","value":1,"time":0}',
      '{"type":"ok","process":0,"f":"add","value":1,"time":1}',
      '{"type":"invoke","process":0,"f":"read","value":null,"time":2}',
      '{"type":"ok","process":0,"f":"read","value":1,"time":3}',
    ].join('\n'));
    const env = { ...process.env, INIT_CWD: caller, npm_lifecycle_event: 'faultline' };
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', 'sub/h.jsonl', '--model', 'counter'], { cwd: repo, env });
    expect(stdout).toContain('sub/h.jsonl: jsonl history, 2 operations, counter model');
    expect(stdout).toContain('verdict: linearizable');
  }, 60_000);
});
