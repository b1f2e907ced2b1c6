import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { writeAppFiles } from '../src/cli/new-command.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * `faultline new` end to end, as a user outside the repository: scaffold into a temp folder,
 * npm install (the faultline packages from the packed tarballs in vendor/, the tools from the npm
 * registry), type-check and compile with the app's strict NodeNext tsconfig, run its vitest test,
 * run its workers script with tsx, then compiled (nodes start from JavaScript, no tsx). A failure names
 * the step and shows the end of its output.
 */

const dir = mkdtempSync(join(tmpdir(), 'faultline-new-'));
const app = join(dir, 'my-app');
// Three installed apps (npm, pnpm, yarn with its own cache): removing them takes a while on a busy machine.
afterAll(() => rmSync(dir, { recursive: true, force: true }), 180_000);

/** The environment of the app's commands: none of this test run's vitest, pnpm or npm settings. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|npm_|PNPM|pnpm_|NODE_OPTIONS$|INIT_CWD$|TEST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  return env;
}

/** Runs one step in the app's folder; rejects with the step's name, exit code and output tail. */
function step(name: string, command: string, args: readonly string[], timings: string[], cwd = app): Promise<string> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      timings.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const output = `${stdout}${stderr}`;
      if (error) {
        const tail = output.trimEnd().split('\n').slice(-40).join('\n');
        reject(new Error(`scaffold step '${name}' failed (${error.code ?? error.signal ?? error.message}) in ${cwd}:\n${tail}`));
      } else resolve(output);
    });
  });
}

/** Removes a finished copy of the app while the other package managers still work (afterAll removes what is left). */
async function removed(folder: string, timings: string[]): Promise<void> {
  const started = performance.now();
  await rm(folder, { recursive: true, force: true });
  timings.push(`remove ${basename(folder)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** faultline new packs tarballs with the system tar (Debian: package tar, always installed). */
const hasTar = spawnSync('tar', ['--version']).status === 0;
if (!hasTar) console.warn('scaffold.test.ts: SKIPPING the end-to-end scaffold test: no `tar` command on this machine (apt-get install tar)');

describe('faultline new: an app of your own, outside the repository', () => {
  it.skipIf(!hasTar)('scaffolds, installs, typechecks strictly, passes its test and runs its workers script', async () => {
    const timings: string[] = [];
    const lines: string[] = [];
    const started = performance.now();
    const code = await runCli(['new', app], (line) => lines.push(line));
    timings.push(`faultline new ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(code, `step 'faultline new' failed:\n${lines.join('\n')}`).toBe(0);
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@faultline/runtime']).toMatch(/^file:vendor\/faultline-runtime-.+\.tgz$/);
    const tsconfig = JSON.parse(readFileSync(join(app, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ module: 'NodeNext', strict: true, exactOptionalPropertyTypes: true });

    // Issue 21: the scaffold must install and pass its test with pnpm and yarn too; copies of the fresh app.
    const forPnpm = join(dir, 'with-pnpm');
    const forYarn = join(dir, 'with-yarn');
    cpSync(app, forPnpm, { recursive: true });
    cpSync(app, forYarn, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    // The three package managers install and test their own copies side by side: an install mostly
    // waits on the registry and the disk, so in sequence the three spent most of this test waiting.
    const withNpm = async (): Promise<void> => {
      await step('npm install', npm, ['install', '--no-audit', '--no-fund', '--prefer-offline'], timings);
      // One tsc run both type-checks src/ and test/ under the app's strict NodeNext config and compiles them.
      await step('npm run build (strict NodeNext typecheck + compile)', npm, ['run', 'build'], timings);
      expect(await step('npm test (vitest, simulator)', npm, ['test'], timings)).toMatch(/3 passed/);
      const expected = /seed 1 [^\n]*\nn1: total 5\nn2: total 5\nn3: total 5/;
      expect(await step('npm run workers (tsx)', npm, ['run', 'workers'], timings)).toMatch(expected);
      expect(await step('npm start (compiled: nodes start from JavaScript)', npm, ['start'], timings)).toMatch(expected);
      // Issue 22, item 9: the template under faults — nemesis, checked history, report — on both runtimes.
      for (const [name, args, runtime] of [['npm run faults (simulator)', ['run', 'faults'], 'sim'], ['npm run faults -- --workers', ['run', 'faults', '--', '--workers'], 'workers']] as const) {
        const output = await step(name, npm, [...args], timings);
        expect(output).toMatch(new RegExp(`seed 1 on ${runtime} `));
        expect(output).toMatch(/\d+ operations, verdict: linearizable/);
        expect(output).toMatch(/ ms {2}(partition|kill|pause|crash)/);
        expect(existsSync(join(app, 'runs', `faults-${runtime}-1`, 'report.html'))).toBe(true);
      }
      // The installed faultline bin checks a history from the bundle its tarball ships (no sources to go stale).
      const demos = join(app, 'node_modules', '@faultline', 'demos');
      expect(existsSync(join(demos, 'dist', 'check-cli.cjs'))).toBe(true);
      writeFileSync(join(app, 'h.jsonl'), '{"type":"invoke","process":0,"f":"write","value":1,"time":0}\n{"type":"ok","process":0,"f":"write","value":1,"time":1}\n');
      expect(await step('faultline check (installed bin)', process.execPath, [join(demos, 'bin', 'faultline.cjs'), 'check', 'h.jsonl', '--model', 'register'], timings)).toMatch(/^h\.jsonl: jsonl history, 1 operations, register model\nverdict: linearizable\n/);
    };
    const withPnpm = async (): Promise<void> => {
      // Before: ERR_PNPM_FETCH_404 @faultline/checker (the packed packages depend on each other by version).
      await step('pnpm install', npx, ['-y', 'pnpm@12.4.2', 'install'], timings, forPnpm);
      expect(await step('pnpm test', npx, ['-y', 'pnpm@12.4.2', 'test'], timings, forPnpm)).toMatch(/3 passed/);
      await removed(forPnpm, timings);
    };
    const withYarn = async (): Promise<void> => {
      await step('yarn install', npx, ['-y', 'yarn@1.22.22', 'install', '--non-interactive'], timings, forYarn);
      expect(await step('yarn test', npx, ['-y', 'yarn@1.22.22', 'test'], timings, forYarn)).toMatch(/3 passed/);
      await removed(forYarn, timings);
    };
    // Every chain runs to its end (none left running into afterAll's removal); the first failure is the test's.
    const failed = (await Promise.allSettled([withNpm(), withPnpm(), withYarn()])).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    console.log(`faultline new scaffold test: ${timings.join(', ')}`);
  }, 900_000);

  it('says which step failed, with its exit code and the end of its output', async () => {
    const failing = step('a failing step', process.execPath, ['-e', 'console.log("last words"); process.exit(3)'], [], dir);
    await expect(failing).rejects.toThrow(/^scaffold step 'a failing step' failed \(3\) in .*:\nlast words$/);
  });

  // Issue 21: a target that is a file exited 70 with a stack; `..name` and a path through a symlink
  // created the app inside the checkout (the symlink case inside packages/, where the workspace picks it up).
  it('refuses a target that is a file, or inside the checkout by a ..name or a symlink, creating nothing', async () => {
    const lines: string[] = [];
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    expect(await runCli(['new', file], (line) => lines.push(line))).toBe(64);
    expect(lines.join('\n')).toMatch(/<dir>.*is a file/);
    const dotted = join(REPO, '..faultline-new-test-app');
    const link = join(dir, 'link-to-packages');
    symlinkSync(join(REPO, 'packages'), link);
    for (const target of [dotted, join(link, 'faultline-new-test-app')]) {
      lines.length = 0;
      expect(await runCli(['new', target], (line) => lines.push(line))).toBe(64);
      expect(lines.join('\n')).toMatch(/<dir>.*must be outside this checkout/);
    }
    expect(existsSync(dotted)).toBe(false);
    expect(existsSync(join(REPO, 'packages', 'faultline-new-test-app'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('never writes over a file it did not create (one written while it was building)', () => {
    const target = join(dir, 'raced');
    mkdirSync(target);
    writeFileSync(join(target, 'package.json'), '{"name":"the user\'s"}');
    expect(() => writeAppFiles(target, new Map([['README.md', 'x'], ['package.json', '{}']]))).toThrow(/gained package\.json while faultline new was building/);
    expect(readFileSync(join(target, 'package.json'), 'utf8')).toBe('{"name":"the user\'s"}');
  });

  it('refuses, as a usage error naming <dir>, a folder inside the checkout or one with files', async () => {
    const lines: string[] = [];
    expect(await runCli(['new', '.'], (line) => lines.push(line))).toBe(64);
    expect(lines.join('\n')).toMatch(/<dir>.*must be a new or empty folder|<dir>.*must be outside this checkout/);
    lines.length = 0;
    expect(await runCli(['new'], (line) => lines.push(line))).toBe(64);
    expect(lines.join('\n')).toContain('<dir>');
  });
});
