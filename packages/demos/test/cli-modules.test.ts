import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_USAGE } from '../src/cli/command-usage.ts';
import { DEMO_CATALOG } from '../src/demo-catalog.ts';

/**
 * Issue 27 item 5: every command's help and `demo --list` start in ≤ 300 ms, which they can only if
 * they load no demo and no package beyond core's errors and validation (a demo pulls in the
 * runtimes, the report, registers, raft: about a second). These tests watch the real module graph
 * of a child process, through a loader hook, so an eager import added anywhere on the path fails.
 */

const DEMOS_DIR = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = join(DEMOS_DIR, '..');

/** A loader hook that prints every module the child loads, one `faultline-load URL` line on stderr. */
const TRACE_HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { process.stderr.write("faultline-load " + url + "\\\\n"); return next(url, context); }'));
`)}`;

/** Why a loaded module has no place on the help path, or undefined when it may be there. */
function misplaced(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = relative(PACKAGES, fileURLToPath(url));
  if (path.startsWith('..') || path.includes('node_modules')) return undefined;
  const [pkg, , ...rest] = path.split('/');
  const stem = rest.join('/').replace(/\.(ts|js)$/, '');
  if (pkg === 'core') return stem === 'errors' || stem === 'validate' ? undefined : 'core beyond errors and validate';
  if (pkg !== 'demos') return `package ${pkg}`;
  if (['registry', 'demo-loaders', 'cli/demo-run'].includes(stem)) return 'the module that loads every demo, or runs one';
  const [dir, ...file] = stem.split('/');
  if (file.length > 0 && dir !== 'cli' && !stem.endsWith('-info')) return `a demo's implementation or another part of demos (beside cli/, only demos' -info files may load)`;
  return undefined;
}

/** Runs `node ARGS` with the trace hook; the modules it loaded and what it printed. */
function traced(args: readonly string[]): { loaded: string[]; stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', TRACE_HOOK, ...args], { cwd: DEMOS_DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const loaded = r.stderr.split('\n').filter((l) => l.startsWith('faultline-load ')).map((l) => l.slice('faultline-load '.length));
  return { loaded, stdout: r.stdout, status: r.status };
}

/** Every help the CLI prints, and the demo list (check is its own bundle: check-bundle.test.ts). */
const HELP_COMMANDS: readonly string[][] = [
  ['--help'], ['help'], ['demo', '--list'], ['demo', '--help'],
  ...DEMO_CATALOG.map((d) => ['demo', d.name, '--help']),
  ...Object.keys(COMMAND_USAGE).filter((c) => c !== 'check').map((c) => [c, '--help']),
];

describe('the help path of the faultline command (issue 27 item 5)', () => {
  it('names a demo implementation, another package or all of core as misplaced, and a demo info or the CLI as not', () => {
    const at = (p: string) => pathToFileURL(join(PACKAGES, p)).href;
    expect(misplaced(at('demos/src/echo/echo-demo.ts'))).toMatch(/implementation/);
    expect(misplaced(at('demos/dist/raft/elections-scene.js'))).toMatch(/implementation/);
    expect(misplaced(at('demos/src/registry.ts'))).toMatch(/every demo/);
    expect(misplaced(at('runtime/src/index.ts'))).toBe('package runtime');
    expect(misplaced(at('core/dist/index.js'))).toMatch(/core beyond/);
    expect(misplaced(at('demos/src/echo/echo-info.ts'))).toBeUndefined();
    expect(misplaced(at('demos/dist/cli/main.js'))).toBeUndefined();
    expect(misplaced(at('core/src/errors.ts'))).toBeUndefined();
    expect(misplaced('node:fs')).toBeUndefined();
  });

  it('loads no demo and no package but core\'s errors and validation, for every help and the demo list', () => {
    const main = pathToFileURL(join(DEMOS_DIR, 'src/cli/main.ts')).href;
    const script = `const { runCli } = await import(${JSON.stringify(main)});
const codes = [];
for (const argv of ${JSON.stringify(HELP_COMMANDS)}) codes.push(await runCli(argv, () => {}));
console.log(JSON.stringify(codes));`;
    const r = traced(['--conditions=@faultline/source', '--import', 'tsx/esm', '--input-type=module', '-e', script]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(HELP_COMMANDS.map(() => 0));
    // The hook saw the run (else the check below would pass for nothing): the CLI and the catalog loaded.
    expect(r.loaded).toContain(main);
    expect(r.loaded.some((u) => u.endsWith('/src/demo-catalog.ts'))).toBe(true);
    expect(r.loaded.filter((u) => misplaced(u) !== undefined).map((u) => `${relative(PACKAGES, fileURLToPath(u))}: ${misplaced(u)}`)).toEqual([]);
  });

  it('holds through the bin users run (built dist/ or the sources), from its first module', () => {
    const r = traced([join(DEMOS_DIR, 'bin/faultline.cjs'), 'demo', '--list']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.trim() !== '')).toHaveLength(DEMO_CATALOG.length);
    expect(r.loaded.some((u) => /\/demo-catalog\.(ts|js)$/.test(u))).toBe(true);
    expect(r.loaded.filter((u) => misplaced(u) !== undefined).map((u) => `${relative(PACKAGES, fileURLToPath(u))}: ${misplaced(u)}`)).toEqual([]);
  });
});
