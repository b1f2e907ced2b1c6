import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, FaultlineError } from '@faultline/core';
import { packPackages } from '../scaffold/pack.ts';
import { appFiles, type ToolVersions } from '../scaffold/templates.ts';
import { parseArgs, rejectUnknown } from './args.ts';

/** The checkout this command runs from: packages/demos/{src,dist}/cli → the repository root. */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The tool versions the checkout pins (root devDependencies), so the app builds as the checkout does. */
function toolVersions(): ToolVersions {
  const dev = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
  const pick = (name: string): string => {
    const version = dev[name];
    if (version === undefined) throw new ConfigError('package.json devDependencies', name, `must pin ${name} in ${REPO}`);
    return version;
  };
  return { typescript: pick('typescript'), vitest: pick('vitest'), tsx: pick('tsx'), typesNode: pick('@types/node') };
}

/**
 * Builds dist/ of every package (incremental: quick when up to date) and the bundled `faultline
 * check`, as `pnpm build` does, so the tarballs hold current code (an installed bin trusts its bundle).
 */
async function buildPackages(out: (line: string) => void): Promise<void> {
  out('building the faultline packages (tsc -b)…');
  const tsc = createRequire(join(REPO, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', join(REPO, 'tsconfig.build.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  await (await import('../build/check-bundle.ts')).bundleCheckCli();
}

/**
 * Refuses a target that is a file, a folder with files, or a folder inside this checkout — also by a
 * path like `..name` (a name starting with two dots, inside the checkout) or one through a symlink
 * into it (inside `packages/`, the workspace would pick the app up). ConfigError naming `<dir>`.
 */
export function checkTarget(dir: string, target: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ConfigError('<dir>', target, `must be a new or empty folder; ${dir} is a file`);
    if (readdirSync(dir).length > 0) throw new ConfigError('<dir>', target, `must be a new or empty folder; ${dir} has files`);
  }
  if (isInside(realPath(REPO), realPath(dir))) {
    throw new ConfigError('<dir>', target, `must be outside this checkout (${REPO}): inside it, the workspace's own packages would shadow the app's`);
  }
}

/** Whether `path` is `root` or below it (both absolute, symlinks resolved). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** The path with every symlink resolved, for a path whose end may not exist yet: its deepest existing ancestor is resolved. */
function realPath(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(basename(existing));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}

/** Writes the app's files, each created new (`wx`): a file that appeared meanwhile is never overwritten. */
export function writeAppFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [path, text] of files) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      throw new ConfigError('<dir>', dir, `gained ${path} while faultline new was building; it was left as it is and nothing more was written`);
    }
  }
}

/** An npm package name from a folder name. */
function packageName(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name === '' ? 'faultline-app' : name;
}

/**
 * `faultline new <dir>`: a standalone app folder outside this checkout, depending on this
 * checkout's packages as packed tarballs (vendor/), with a strict NodeNext tsconfig, an actor
 * module, a simulator test and a workers script.
 */
export async function runNewCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, []);
  rejectUnknown(args, []);
  const [target, ...extra] = args.positionals;
  if (target === undefined) throw new ConfigError('<dir>', undefined, 'must name the folder to create: faultline new <dir>');
  if (extra.length > 0) throw new ConfigError('<dir>', extra.join(' '), 'must be one folder; got more arguments');
  // pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const dir = resolve(process.env['INIT_CWD'] ?? process.cwd(), target);
  checkTarget(dir, target);

  if (!existsSync(join(REPO, 'tsconfig.build.json'))) {
    throw new FaultlineError('not-a-checkout', `faultline new packs the packages of a faultline checkout, and ${REPO} is not one: run it from a clone of the repository`);
  }
  await buildPackages(out);
  // The build takes a while: look again, and create vendor/ ourselves (mkdir fails if it appeared).
  checkTarget(dir, target);
  const vendor = join(dir, 'vendor');
  mkdirSync(dir, { recursive: true });
  mkdirSync(vendor);
  const packed = packPackages(REPO, vendor);
  const files = appFiles(packageName(dir), { tarballs: new Map(packed.map((p) => [p.name, p.file])), tools: toolVersions() });
  writeAppFiles(dir, files);
  out(`created ${dir}: ${[...files.keys()].join(', ')}, and vendor/ (${packed.map((p) => p.file).join(', ')})`);
  out('next:');
  const fromHere = relative(process.env['INIT_CWD'] ?? process.cwd(), dir);
  out(`  cd ${fromHere.startsWith('..') ? dir : fromHere || '.'}`);
  out('  npm install         # or pnpm install, or yarn');
  out('  npm test            # the simulator test (vitest)');
  out('  npm run workers     # 3 nodes on worker threads');
  return 0;
}
