// The fast `faultline check` (issue 15, item 3): `pnpm build` bundles the check command into one
// CommonJS file (src/build/check-bundle.ts), which the bin runs alone for a plain check when it is
// newer than every source it was built from (bin/check-bundle.cjs). Speed is in the bench
// (checker-cli-start); here: the bundle behaves exactly as the unbundled command, and a stale
// bundle is never picked.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJsonl, runCheck, type HistoryEvent } from '@faultline/checker';
import { bundleCheckCli, CHECK_BUNDLE, type CheckBundle } from '../src/build/check-bundle.ts';

const DEMOS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(DEMOS, '../..');

/** bin/check-bundle.cjs: plain CommonJS beside the bin, loaded as the bin loads it. */
interface BinFastPath {
  bundleServes(argv: readonly string[]): boolean;
  bundleIsFresh(bundle: string): boolean;
  checkBundleFor(argv: readonly string[], packageDir: string, checkout: boolean): string | undefined;
}
const fastPath = createRequire(import.meta.url)('../bin/check-bundle.cjs') as BinFastPath;

const tmp = mkdtempSync(join(tmpdir(), 'faultline-check-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function history(name: string, events: HistoryEvent[]): string {
  const file = join(tmp, name);
  writeFileSync(file, formatJsonl(events));
  return file;
}

const op = (process: number, f: string, value: unknown, start: number, end: number, out: unknown = value, key?: string): HistoryEvent[] => [
  { type: 'invoke', process, f, value: value as HistoryEvent['value'], time: start, ...(key === undefined ? {} : { key }) } as HistoryEvent,
  { type: 'ok', process, f, value: out as HistoryEvent['value'], time: end, ...(key === undefined ? {} : { key }) } as HistoryEvent,
];

/** Runs a command to its end: its exit code and standard output. */
function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** What the unbundled command prints and returns for the same arguments. */
async function unbundled(argv: string[]): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const code = await runCheck(argv, (line) => lines.push(line));
  return { code, stdout: lines.map((line) => `${line}\n`).join('') };
}

describe('the bundled faultline check', () => {
  let bundle: CheckBundle;
  beforeAll(async () => {
    bundle = await bundleCheckCli(join(tmp, 'dist', 'check-cli.cjs'));
  }, 60_000);

  it('is one file built from the check entry and the checker sources, which its manifest lists', () => {
    expect(bundle.inputs).toContain(join(DEMOS, 'src/cli/check-main.ts'));
    expect(bundle.inputs).toContain(resolve(REPO, 'packages/checker/src/cli.ts'));
    expect(bundle.inputs).toContain(join(DEMOS, 'src/build/check-bundle.ts'));
    expect(bundle.inputs.filter((input) => input.includes('/packages/checker/src/')).length).toBeGreaterThan(10);
    // Only local sources: no package is left to load at run time but Node's own.
    expect(bundle.inputs.every((input) => input.startsWith(`${REPO}/packages/`))).toBe(true);
    const listed = (JSON.parse(readFileSync(bundle.manifest, 'utf8')) as { inputs: string[] }).inputs;
    expect(listed.map((input) => resolve(dirname(bundle.manifest), input)).sort()).toEqual([...bundle.inputs]);
    expect(readFileSync(bundle.file, 'utf8')).not.toMatch(/require\("(?!node:|fs|path|url)/);
  });

  const register = (): string => history('lin.jsonl', [...op(0, 'write', 1, 0, 2), ...op(1, 'read', null, 1, 3, 1)]);
  const stale = (): string => history('stale.jsonl', [...op(0, 'write', 1, 0, 1), ...op(1, 'read', null, 2, 3, 0)]);
  const kv = (): string => history('kv.jsonl', [
    ...op(0, 'put', 'x', 0, 1, 'x', 'a'), ...op(1, 'put', 'y', 0, 1, 'y', 'b'), ...op(2, 'get', null, 2, 3, 'x', 'a'), ...op(3, 'get', null, 2, 3, 'x', 'b'),
  ]);
  const cases: Array<{ name: string; argv: () => string[]; code: number }> = [
    { name: 'a linearizable register history: exit 0', argv: () => ['check', register(), '--model', 'register'], code: 0 },
    { name: 'a stale read: exit 1 with the counterexample', argv: () => ['check', stale(), '--model', 'register'], code: 1 },
    { name: 'a kv history with one bad key of two: exit 1', argv: () => ['check', kv(), '--model', 'kv'], code: 1 },
    { name: 'a missing --model: exit 64 with the usage', argv: () => ['check', register()], code: 64 },
    { name: 'an unreadable file: exit 64', argv: () => ['check', join(tmp, 'absent.jsonl'), '--model', 'register'], code: 64 },
  ];
  for (const c of cases) {
    it(`prints and exits as the unbundled command on ${c.name}`, async () => {
      const argv = c.argv();
      const expected = await unbundled(argv);
      expect(expected.code).toBe(c.code);
      const got = await run([bundle.file, ...argv]);
      expect(got.stderr).toBe('');
      expect(got.stdout).toBe(expected.stdout);
      expect(got.code).toBe(c.code);
    }, 30_000);
  }

  it('checks keys on worker threads started from the bundled worker beside it (--workers)', async () => {
    expect(bundle.inputs).toContain(resolve(REPO, 'packages/checker/src/check/check-worker.ts'));
    // Four keys of 400 writes each (above the in-process threshold), and key k3 reads a value never written.
    const events: HistoryEvent[] = [];
    let t = 0;
    for (let k = 0; k < 4; k++) for (let i = 0; i < 400; i++) events.push(...op(k, 'put', `v${i}`, t++, t++, `v${i}`, `k${k}`));
    events.push(...op(9, 'get', null, t++, t++, 'never', 'k3'));
    const argv = ['check', history('kv-workers.jsonl', events), '--model', 'kv', '--workers', '2'];
    const expected = await unbundled(argv);
    expect(expected.code).toBe(1);
    // A preload that names every worker thread's file on stderr: the bundle must start its own.
    const preload = join(tmp, 'name-workers.cjs');
    writeFileSync(preload, `const wt = require('node:worker_threads'); const W = wt.Worker;
wt.Worker = class extends W { constructor(f, o) { process._rawDebug('worker: ' + String(f)); super(f, o); } };\n`);
    const got = await run(['-r', preload, bundle.file, ...argv]);
    expect(got.stderr).toContain(`worker: ${pathToFileURL(bundle.worker).href}`);
    expect(got.stdout).toBe(expected.stdout);
    expect(got.code).toBe(1);
  }, 60_000);

  it('takes a relative history path from the folder the user ran pnpm in (INIT_CWD)', async () => {
    register();
    const env = { ...process.env, INIT_CWD: tmp, npm_lifecycle_event: 'faultline' };
    const got = await run([bundle.file, 'check', 'lin.jsonl', '--model', 'register'], { cwd: DEMOS, env });
    expect(got.stdout).toContain('lin.jsonl: jsonl history, 2 operations, register model\nverdict: linearizable\n');
    expect(got.code).toBe(0);
  }, 30_000);

  it('is fresh when just built, and stale once a source it lists is newer than it', () => {
    expect(fastPath.bundleIsFresh(bundle.file)).toBe(true);
    // 1970: older than every source whatever its mtime (an hour back was not, once the sources were over an hour old).
    const past = new Date(1000);
    utimesSync(bundle.file, past, past); // as if every checker source had been edited after the build
    expect(fastPath.bundleIsFresh(bundle.file)).toBe(false);
  });
});

describe('the bin picks the bundle only when it may', () => {
  const pkg = join(tmp, 'pkg');
  const bundle = join(pkg, 'dist', 'check-cli.cjs');
  const manifest = join(pkg, 'dist', 'check-cli.inputs.json');
  const sources = [join(pkg, 'src', 'a.ts'), join(tmp, 'other', 'src', 'b.ts')];
  const hourAgo = new Date(Date.now() - 3_600_000);
  const minuteAgo = new Date(Date.now() - 60_000);
  const check = ['check', 'h.jsonl', '--model', 'register'];

  beforeAll(() => {
    for (const file of [bundle, ...sources]) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, '');
    }
  });
  /** A bundle built a minute ago from sources last edited an hour ago, with its manifest. */
  function built(inputs: unknown = ['../src/a.ts', '../../other/src/b.ts']): void {
    writeFileSync(bundle, '');
    writeFileSync(manifest, JSON.stringify({ inputs }));
    for (const file of sources) utimesSync(file, hourAgo, hourAgo);
    utimesSync(bundle, minuteAgo, minuteAgo);
  }

  it('runs a fresh bundle for a plain check, in a checkout', () => {
    built();
    expect(fastPath.bundleIsFresh(bundle)).toBe(true);
    expect(fastPath.checkBundleFor(check, pkg, true)).toBe(bundle);
  });

  it('never runs a bundle older than one of its sources, in any package', () => {
    for (const source of sources) {
      built();
      utimesSync(source, new Date(), new Date());
      expect(fastPath.bundleIsFresh(bundle)).toBe(false);
      expect(fastPath.checkBundleFor(check, pkg, true)).toBeUndefined();
    }
  });

  it('counts a missing, empty or malformed manifest, or a listed source that is gone, as stale', () => {
    for (const inputs of [[], 'x', ['../src/gone.ts'], [42]]) {
      built(inputs);
      expect(fastPath.bundleIsFresh(bundle)).toBe(false);
    }
    built();
    rmSync(manifest);
    expect(fastPath.bundleIsFresh(bundle)).toBe(false);
    built();
    rmSync(bundle);
    expect(fastPath.bundleIsFresh(bundle)).toBe(false);
    expect(fastPath.checkBundleFor(check, pkg, false)).toBeUndefined();
  });

  it('leaves --report, --out and other commands to the full command line', () => {
    built();
    expect(fastPath.bundleServes(check)).toBe(true);
    for (const argv of [[...check, '--report'], [...check, '--out', 'x'], [...check, '--out=x'], ['demo'], ['checks', 'h']]) {
      expect(fastPath.bundleServes(argv)).toBe(false);
      expect(fastPath.checkBundleFor(argv, pkg, true)).toBeUndefined();
    }
  });

  it('trusts the bundle of an installed package (no sources to compare with)', () => {
    built(['../src/gone.ts']);
    expect(fastPath.checkBundleFor(check, pkg, false)).toBe(bundle);
  });

  it('exits 70, never a verdict code, when the bundle itself fails to load', async () => {
    const installed = join(tmp, 'installed');
    mkdirSync(join(installed, 'bin'), { recursive: true });
    mkdirSync(join(installed, 'dist'), { recursive: true });
    for (const file of ['faultline.cjs', 'check-bundle.cjs']) copyFileSync(join(DEMOS, 'bin', file), join(installed, 'bin', file));
    writeFileSync(join(installed, 'dist', 'check-cli.cjs'), 'throw new Error("a broken bundle");\n');
    const got = await run([join(installed, 'bin', 'faultline.cjs'), ...check]);
    expect(got.stderr).toContain('a broken bundle');
    expect(got.code).toBe(70);
  }, 30_000);

  it('looks where pnpm build writes it, and pnpm build (and install) write it after tsc', () => {
    expect(fastPath.checkBundleFor(check, DEMOS, false) ?? join(DEMOS, 'dist', 'check-cli.cjs')).toBe(CHECK_BUNDLE);
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['build', 'prepare', 'bench']) {
      expect(scripts[name]).toMatch(/tsc -b tsconfig\.build\.json && node packages\/demos\/dist\/build\/build-check-bundle\.js/);
    }
  });
});
