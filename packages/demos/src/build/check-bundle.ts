import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demos package's folder, from src/build or dist/build alike. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Where `pnpm build` writes the bundled `faultline check` (the bin's fast path reads it there). */
export const CHECK_BUNDLE = join(PACKAGE_DIR, 'dist', 'check-cli.cjs');

/** The manifest beside a bundle: the source files it was built from, relative to its folder (bin/check-bundle.cjs reads it). */
export function inputsManifestOf(bundle: string): string {
  return join(dirname(bundle), 'check-cli.inputs.json');
}

/** A bundle written by `bundleCheckCli`. */
export interface CheckBundle {
  readonly file: string;
  /** The checker's worker-thread entry, bundled beside it (`--workers`). */
  readonly worker: string;
  readonly manifest: string;
  /** Absolute paths of the source files bundled, and of this bundler (what makes the bundle stale when one changes). */
  readonly inputs: readonly string[];
}

/**
 * Bundles `faultline check` (src/cli/check-main.ts with the checker's sources, resolved through
 * the `@faultline/source` condition) into one self-contained CommonJS file, so a check loads one
 * module instead of ~40 and Node's ESM loader not at all, and writes beside it the list of its
 * source files, which the bin compares with the bundle's time to never run a stale bundle
 * (bin/check-bundle.cjs). Names are kept (whitespace and syntax minified only), so an internal
 * error's stack stays readable. Any esbuild warning fails the build (e.g. `import.meta`, which a
 * CommonJS bundle cannot keep), but in the sources that expect it (CJS_AWARE). The checker's
 * worker entry is bundled beside it, as check-worker.cjs.
 */
export async function bundleCheckCli(outFile: string = CHECK_BUNDLE): Promise<CheckBundle> {
  const file = resolve(outFile);
  // The checker's worker threads (--workers) start from check-worker.cjs beside the bundle
  // (checker/src/check/check-pool.ts); without it a check runs its keys in-process.
  const worker = await bundleOne(CHECK_WORKER_ENTRY, join(dirname(file), 'check-worker.cjs'));
  const main = await bundleOne(join(PACKAGE_DIR, 'src', 'cli', 'check-main.ts'), file);
  // The sources esbuild read, and this file: a change to how the bundle is made makes it stale too.
  const inputs = [...new Set([...worker, ...main, join(PACKAGE_DIR, 'src', 'build', 'check-bundle.ts')])].sort();
  const manifest = inputsManifestOf(file);
  const listed = inputs.map((input) => relative(dirname(manifest), input).split('\\').join('/'));
  writeFileSync(manifest, `${JSON.stringify({ inputs: listed }, null, 2)}\n`);
  return { file, worker: join(dirname(file), 'check-worker.cjs'), manifest, inputs };
}

/** The checker's worker-thread entry, bundled beside the command. */
const CHECK_WORKER_ENTRY = join(PACKAGE_DIR, '..', 'checker', 'src', 'check', 'check-worker.ts');

/**
 * Sources that read `import.meta` knowing a CommonJS bundle leaves it empty, and then look for
 * their files by `__filename` instead: esbuild's warning about it is expected there, and only there.
 */
const CJS_AWARE = new Set([join(PACKAGE_DIR, '..', 'checker', 'src', 'check', 'check-pool.ts')]);

/** Bundles one entry into one CommonJS file; resolves to the absolute paths of the sources read. */
async function bundleOne(entry: string, outFile: string): Promise<string[]> {
  // esbuild is a build tool (a devDependency): loaded only when a bundle is made.
  const { build, formatMessages } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    conditions: ['@faultline/source'],
    outfile: outFile,
    metafile: true,
    write: false,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const warnings = result.warnings.filter((w) => !(w.id === 'empty-import-meta' && w.location !== null && CJS_AWARE.has(resolve(PACKAGE_DIR, w.location.file))));
  if (warnings.length > 0) {
    const text = await formatMessages(warnings, { kind: 'warning' });
    throw new Error(`bundling faultline check: esbuild warned, and a warning here means a broken bundle:\n${text.join('\n')}`);
  }
  const code = result.outputFiles[0];
  if (code === undefined) throw new Error(`bundling faultline check: esbuild produced no output for ${entry}`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code.contents);
  return Object.keys(result.metafile.inputs).map((input) => resolve(PACKAGE_DIR, input));
}
