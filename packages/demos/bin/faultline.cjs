#!/usr/bin/env node
// The faultline command. A plain `faultline check` runs one bundled module when it is built and up
// to date (bin/check-bundle.cjs): this file is CommonJS so that path never loads Node's ESM loader.
// Otherwise it runs the built JavaScript in dist/ when it is there and up to date (no tsx to load);
// otherwise, in a checkout without a fresh build, runs the TypeScript sources with tsx and the
// `@faultline/source` export condition (ARCHITECTURE.md, "Packages and builds").
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const packageDir = join(__dirname, '..');
const built = join(packageDir, 'dist', 'cli', 'entry.js');
const source = join(packageDir, 'src', 'cli', 'entry.ts');

/** The packages of this checkout (`packages/*`), or none when installed from a tarball (no src/). */
function workspacePackages() {
  if (!existsSync(source)) return [];
  const root = join(packageDir, '..');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'tsconfig.build.json')))
    .map((entry) => join(root, entry.name));
}

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) max = Math.max(max, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return max;
}

/** True when every package's dist/ was built after its src/ last changed: a stale build must not run. */
function buildIsFresh() {
  for (const pkg of workspacePackages()) {
    const info = join(pkg, 'dist', '.tsbuildinfo');
    if (!existsSync(info) || statSync(info).mtimeMs < newest(join(pkg, 'src'))) return false;
  }
  return true;
}

/** Runs the whole command line as ES modules: from dist/ when fresh, else from the sources with tsx. */
async function runModules() {
  if (existsSync(built) && buildIsFresh()) {
    await import(pathToFileURL(built).href);
    return;
  }
  // Resolve @faultline/* to their sources, then let tsx compile them (hooks run last-registered first).
  const { register } = await import('node:module');
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  await import(pathToFileURL(source).href);
}

/** A crash before the command runs (a module that fails to load) is not a verdict: EX_SOFTWARE. */
function crashed(error) {
  console.error(error);
  process.exitCode = 70;
}

const argv = process.argv.slice(2);
const bundle = argv[0] === 'check' ? require('./check-bundle.cjs').checkBundleFor(argv, packageDir, existsSync(source)) : undefined;
if (bundle === undefined) runModules().catch(crashed);
else {
  try {
    require(bundle);
  } catch (error) {
    crashed(error);
  }
}
