import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
    // The client ships as TypeScript source for esbuild (package.json "files"), never compiled by
    // tsc: from src/page and dist/page alike, ../../src/client/ is the package's client folder.
    const client = fileURLToPath(new URL('../../src/client/', import.meta.url));
    const entry = join(client, 'main.ts');
    const result = await build({
      entryPoints: [entry], bundle: true, format: 'iife', minify: true, write: false, target: 'es2020', platform: 'browser',
      logLevel: 'silent', legalComments: 'none',
    });
    const script = result.outputFiles[0]?.text ?? '';
    const require = createRequire(import.meta.url);
    const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    const ownCss = readFileSync(join(client, 'report.css'), 'utf8');
    return { script, css: `${uplotCss}\n${ownCss}` };
  })();
  return cached;
}
