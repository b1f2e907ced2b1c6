import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every package under packages/ is consumable as a TypeScript library (ARCHITECTURE.md, "Packages
 * and builds"): each export is `{ "@faultline/source": ./src/X.ts, types: ./dist/X.d.ts, default:
 * ./dist/X.js }`, dist/ is published, and `pnpm build` (tsconfig.build.json) builds it from src/.
 * A private package without exports (bench) is run from source only and is exempt.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
// tsconfig files may hold comments only as "//" keys, so they parse as JSON.
const packages = readdirSync(join(repo, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(repo, 'packages', d.name, 'package.json')))
  .map((d) => d.name)
  .sort();
const rootBuild = readJson(join(repo, 'tsconfig.build.json'));
const rootRefs = (rootBuild['references'] as { path: string }[]).map((r) => r.path);

/** Everything wrong with one package's layout, as sentences; empty when it follows the pattern. */
function problemsOf(name: string, pkg = readJson(join(repo, 'packages', name, 'package.json'))): string[] {
  const dir = join(repo, 'packages', name);
  const problems: string[] = [];
  const exportsField = pkg['exports'] as Record<string, unknown> | undefined;
  if (exportsField === undefined) {
    if (pkg['private'] !== true) problems.push('has no "exports": only a private package (run from source, like bench) may have none');
    return problems;
  }
  if (pkg['type'] !== 'module') problems.push('must have "type": "module"');
  for (const [key, target] of Object.entries(exportsField)) {
    const source = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)['@faultline/source'] : target;
    const stem = typeof source === 'string' ? /^\.\/src\/(.+)\.ts$/.exec(source)?.[1] : undefined;
    if (stem === undefined) {
      problems.push(`exports["${key}"] must start with "@faultline/source": "./src/<file>.ts", got ${JSON.stringify(target)}`);
      continue;
    }
    const want = { '@faultline/source': `./src/${stem}.ts`, types: `./dist/${stem}.d.ts`, default: `./dist/${stem}.js` };
    if (JSON.stringify(target) !== JSON.stringify(want)) problems.push(`exports["${key}"] must be exactly ${JSON.stringify(want)} (in this order), got ${JSON.stringify(target)}`);
    if (!existsSync(join(dir, 'src', `${stem}.ts`))) problems.push(`exports["${key}"] names src/${stem}.ts, which does not exist`);
  }
  const files = pkg['files'];
  if (!Array.isArray(files) || !files.includes('dist')) problems.push('must publish its build: "files": ["dist"]');
  const buildFile = join(dir, 'tsconfig.build.json');
  if (!existsSync(buildFile)) {
    problems.push('has no tsconfig.build.json (copy one from packages/core and list its @faultline dependencies as references)');
  } else {
    const build = readJson(buildFile);
    const options = (build['compilerOptions'] ?? {}) as Record<string, unknown>;
    if (build['extends'] !== '../../tsconfig.build.base.json') problems.push('tsconfig.build.json must extend ../../tsconfig.build.base.json');
    if (options['rootDir'] !== 'src' || options['outDir'] !== 'dist') problems.push('tsconfig.build.json must build src/ into dist/ (rootDir "src", outDir "dist")');
    const refs = ((build['references'] ?? []) as { path: string }[]).map((r) => r.path.replace(/\/+/g, '/'));
    const deps = Object.keys((pkg['dependencies'] ?? {}) as Record<string, string>).filter((d) => d.startsWith('@faultline/'));
    for (const dep of deps) {
      const ref = `../${dep.slice('@faultline/'.length)}/tsconfig.build.json`;
      if (!refs.includes(ref)) problems.push(`tsconfig.build.json must reference ${ref} (it depends on ${dep}), so tsc -b builds that first`);
    }
  }
  if (!rootRefs.includes(`packages/${name}/tsconfig.build.json`)) problems.push(`the root tsconfig.build.json must reference packages/${name}/tsconfig.build.json, or pnpm build skips it`);
  return problems;
}

/** Source lines that name a sibling `.ts` file by URL: dist/ has only `.js`, so they break once built. */
function tsUrlsIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/new URL\(\s*['"][^'"]+\.ts['"]\s*,\s*import\.meta\.url/.test(line)) found.push(`${file.slice(repo.length + 1)}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('every package under packages/ follows the library pattern', () => {
  it('finds the packages', () => {
    expect(packages).toContain('core');
    expect(packages).toContain('runtime');
  });

  it.each(packages)('%s', (name) => {
    expect(problemsOf(name), `packages/${name} (see ARCHITECTURE.md, "Packages and builds")`).toEqual([]);
  });

  it.each(packages.filter((name) => readJson(join(repo, 'packages', name, 'package.json'))['exports'] !== undefined))(
    '%s names no .ts file by URL (use siblingModule(import.meta.url, "./x.ts"))',
    (name) => {
      expect(tsUrlsIn(join(repo, 'packages', name, 'src'))).toEqual([]);
    },
  );

  it('reports a package still on the old raw-source pattern, and one that forgot a reference', () => {
    const core = readJson(join(repo, 'packages', 'core', 'package.json'));
    expect(problemsOf('core', { ...core, exports: { '.': './src/index.ts' } }).join('\n')).toContain('exports["."] must be exactly');
    const runtime = readJson(join(repo, 'packages', 'runtime', 'package.json'));
    const extraDep = { ...runtime, dependencies: { ...(runtime['dependencies'] as object), '@faultline/checker': 'workspace:*' } };
    expect(problemsOf('runtime', extraDep).join('\n')).toContain('must reference ../checker/tsconfig.build.json');
  });
});
