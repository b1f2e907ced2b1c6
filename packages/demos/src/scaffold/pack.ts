import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '@faultline/core';

/** One faultline package packed as an npm tarball. */
export interface PackedPackage {
  /** Its npm name, e.g. `@faultline/core`. */
  readonly name: string;
  readonly version: string;
  /** The tarball's file name (in the folder it was packed into). */
  readonly file: string;
}

type Manifest = Record<string, unknown> & { name: string; version: string; dependencies?: Record<string, string> };

/** The publishable packages of a checkout: those with `exports` (private ones without, like bench, are not libraries). */
export function publishablePackages(repo: string): string[] {
  const root = join(repo, 'packages');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'package.json')))
    .map((d) => join(root, d.name))
    .filter((dir) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest)['exports'] !== undefined)
    .sort();
}

/** The manifest as published: `workspace:*` becomes the exact version, dev-only fields go. */
function publishedManifest(manifest: Manifest, versions: ReadonlyMap<string, string>): Manifest {
  const dependencies: Record<string, string> = {};
  for (const [dep, spec] of Object.entries(manifest.dependencies ?? {})) {
    const version = versions.get(dep);
    if (spec.startsWith('workspace:') && version === undefined) throw new FaultlineError('pack-failed', `${manifest.name} depends on ${dep} (${spec}), which is not a package of this checkout`);
    dependencies[dep] = spec.startsWith('workspace:') ? (version as string) : spec;
  }
  const { devDependencies: _dev, scripts: _scripts, exports: exportsField, ...rest } = manifest;
  // The source condition points into src/, which is not published: consumers get dist/ only.
  const exports = Object.fromEntries(Object.entries((exportsField ?? {}) as Record<string, unknown>).map(([key, target]) => [
    key,
    typeof target === 'object' && target !== null ? Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== '@faultline/source')) : target,
  ]));
  return { ...rest, exports, dependencies };
}

/**
 * Packs every publishable package of the checkout at `repo` into `into`, as `npm pack` would lay
 * it out (`package/` holding package.json, dist/ and bin/), with `workspace:*` dependencies
 * rewritten to exact versions. Needs the packages built (dist/); uses the system `tar`.
 */
export function packPackages(repo: string, into: string): PackedPackage[] {
  const dirs = publishablePackages(repo);
  const manifests = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest);
  const versions = new Map(manifests.map((m) => [m.name, m.version]));
  mkdirSync(into, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'faultline-pack-'));
  try {
    return dirs.map((dir, i) => {
      const manifest = manifests[i] as Manifest;
      if (!existsSync(join(dir, 'dist'))) throw new FaultlineError('pack-failed', `${manifest.name} has no dist/: run pnpm build in ${repo} first`);
      const root = join(staging, String(i));
      const pkg = join(root, 'package');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(publishedManifest(manifest, versions), null, 2)}\n`);
      const files = Array.isArray(manifest['files']) ? (manifest['files'] as string[]) : ['dist'];
      for (const entry of [...files, 'README.md']) {
        if (existsSync(join(dir, entry))) cpSync(join(dir, entry), join(pkg, entry), { recursive: true, filter: (src) => !src.endsWith('.tsbuildinfo') });
      }
      const file = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
      execFileSync('tar', ['-czf', join(into, file), '-C', root, 'package']);
      return { name: manifest.name, version: manifest.version, file };
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
