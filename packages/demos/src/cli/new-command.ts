import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
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
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ConfigError('<dir>', target, `must be a new or empty folder; ${dir} has files`);
  if (!relative(REPO, dir).startsWith('..')) {
    throw new ConfigError('<dir>', target, `must be outside this checkout (${REPO}): inside it, the workspace's own packages would shadow the app's`);
  }

  if (!existsSync(join(REPO, 'tsconfig.build.json'))) {
    throw new FaultlineError('not-a-checkout', `faultline new packs the packages of a faultline checkout, and ${REPO} is not one: run it from a clone of the repository`);
  }
  await buildPackages(out);
  const vendor = join(dir, 'vendor');
  const packed = packPackages(REPO, vendor);
  const files = appFiles(packageName(dir), { tarballs: new Map(packed.map((p) => [p.name, p.file])), tools: toolVersions() });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  out(`created ${dir}: ${[...files.keys()].join(', ')}, and vendor/ (${packed.map((p) => p.file).join(', ')})`);
  out('next:');
  const fromHere = relative(process.env['INIT_CWD'] ?? process.cwd(), dir);
  out(`  cd ${fromHere.startsWith('..') ? dir : fromHere || '.'}`);
  out('  npm install');
  out('  npm test            # the simulator test (vitest)');
  out('  npm run workers     # 3 nodes on worker threads');
  return 0;
}
