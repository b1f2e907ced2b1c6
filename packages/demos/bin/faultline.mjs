#!/usr/bin/env node
// The faultline command. Runs the built JavaScript in dist/ when it is there and up to date (no tsx to
// load: fast start-up); otherwise, in a checkout without a fresh build, runs the TypeScript sources with
// tsx and the `@faultline/source` export condition (ARCHITECTURE.md, "Packages and builds").
import { existsSync, readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/cli/entry.js', import.meta.url);
const source = new URL('../src/cli/entry.ts', import.meta.url);

/** The packages of this checkout (`packages/*`), or none when installed from a tarball (no src/). */
function workspacePackages() {
  if (!existsSync(source)) return [];
  const root = new URL('../../', import.meta.url);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/tsconfig.build.json`, root)))
    .map((entry) => new URL(`${entry.name}/`, root));
}

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) max = Math.max(max, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return max;
}

/** True when every package's dist/ was built after its src/ last changed: a stale build must not run. */
function buildIsFresh() {
  for (const pkg of workspacePackages()) {
    const info = new URL('dist/.tsbuildinfo', pkg);
    if (!existsSync(info) || statSync(info).mtimeMs < newest(new URL('src/', pkg))) return false;
  }
  return true;
}

if (existsSync(built) && buildIsFresh()) {
  await import(built.href);
} else {
  // Resolve @faultline/* to their sources, then let tsx compile them (hooks run last-registered first).
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  await import(source.href);
}
