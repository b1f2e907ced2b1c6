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
 * CommonJS bundle cannot keep).
 */
export async function bundleCheckCli(outFile: string = CHECK_BUNDLE): Promise<CheckBundle> {
  // esbuild is a build tool (a devDependency): loaded only when a bundle is made.
  const { build, formatMessages } = await import('esbuild');
  const file = resolve(outFile);
  const result = await build({
    entryPoints: [join(PACKAGE_DIR, 'src', 'cli', 'check-main.ts')],
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    conditions: ['@faultline/source'],
    outfile: file,
    metafile: true,
    write: false,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    const text = await formatMessages(result.warnings, { kind: 'warning' });
    throw new Error(`bundling faultline check: esbuild warned, and a warning here means a broken bundle:\n${text.join('\n')}`);
  }
  const code = result.outputFiles[0];
  if (code === undefined) throw new Error('bundling faultline check: esbuild produced no output');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code.contents);
  // The sources esbuild read, and this file: a change to how the bundle is made makes it stale too.
  const bundled = Object.keys(result.metafile.inputs).map((input) => resolve(PACKAGE_DIR, input));
  const inputs = [...new Set([...bundled, join(PACKAGE_DIR, 'src', 'build', 'check-bundle.ts')])].sort();
  const manifest = inputsManifestOf(file);
  const listed = inputs.map((input) => relative(dirname(manifest), input).split('\\').join('/'));
  writeFileSync(manifest, `${JSON.stringify({ inputs: listed }, null, 2)}\n`);
  return { file, manifest, inputs };
}
