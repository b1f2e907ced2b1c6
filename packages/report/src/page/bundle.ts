import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The page's script and styles, ready to inline. */
export interface PageAssets {
  readonly script: string;
  readonly css: string;
}

let cached: Promise<PageAssets> | undefined;

/**
 * Bundles the client (src/client, with uPlot from its npm package) into one minified script with
 * esbuild, and reads uPlot's stylesheet. Done once per process, from local files only.
 */
export function pageAssets(): Promise<PageAssets> {
  cached ??= (async () => {
    // The client ships as TypeScript source (package.json "files"); from src/page or dist/page alike,
    // ../../src/client is the package's client folder.
    const entry = fileURLToPath(new URL('../../src/client/main.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry], bundle: true, format: 'iife', minify: true, write: false, target: 'es2020', platform: 'browser',
      logLevel: 'silent', legalComments: 'none',
    });
    const script = result.outputFiles[0]?.text ?? '';
    const require = createRequire(import.meta.url);
    const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    const ownCss = readFileSync(fileURLToPath(new URL('../../src/client/report.css', import.meta.url)), 'utf8');
    return { script, css: `${uplotCss}\n${ownCss}` };
  })();
  return cached;
}
