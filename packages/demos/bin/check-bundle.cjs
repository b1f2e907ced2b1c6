// The fast path of `faultline check` (issue 15): one bundled CommonJS module, dist/check-cli.cjs,
// made by `pnpm build` (src/build/check-bundle.ts), instead of tsx or the ESM loader and the ~40
// modules of dist/. CommonJS because a CommonJS entry spares Node 20 loading its ESM loader.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** Options that need the demos' check command (the report package): they take the usual path. */
const REPORT_OPTIONS = /^--(report|out)(=|$)/;

/**
 * True when the bundle can run `argv` (what follows the program name): a `check` without
 * `--report`/`--out`, whose other options the bundled command handles the same way.
 * @param {readonly string[]} argv
 */
function bundleServes(argv) {
  return argv[0] === 'check' && !argv.some((arg) => REPORT_OPTIONS.test(arg));
}

/**
 * True when the bundle at `bundle` (a path) exists and is newer than every source file its
 * manifest (`check-cli.inputs.json` beside it, paths relative to its folder) lists. A missing or
 * unreadable manifest, or a listed file that is gone, counts as stale: a stale bundle must never
 * run. Costs a stat per source file (~40), not a walk of every package.
 * @param {string} bundle
 */
function bundleIsFresh(bundle) {
  try {
    const built = statSync(bundle).mtimeMs;
    const dir = join(bundle, '..');
    const inputs = JSON.parse(readFileSync(join(dir, 'check-cli.inputs.json'), 'utf8')).inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    for (const input of inputs) {
      if (typeof input !== 'string' || statSync(join(dir, input)).mtimeMs > built) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The bundle to run for `argv`, or undefined for the usual path. `packageDir` is the demos
 * package's folder; `checkout` says whether its sources are there (in a checkout the bundle must
 * be fresh; an installed package has no sources and ships the bundle its build made).
 * @param {readonly string[]} argv
 * @param {string} packageDir
 * @param {boolean} checkout
 */
function checkBundleFor(argv, packageDir, checkout) {
  if (!bundleServes(argv)) return undefined;
  const bundle = join(packageDir, 'dist', 'check-cli.cjs');
  if (checkout) return bundleIsFresh(bundle) ? bundle : undefined;
  try {
    statSync(bundle);
    return bundle;
  } catch {
    return undefined;
  }
}

module.exports = { bundleServes, bundleIsFresh, checkBundleFor };
