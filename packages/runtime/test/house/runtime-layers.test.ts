import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 20, item 7: real-time node hosting lives in host/ and the controller base in control/, so
// a transport (workers/, nats/) reaches into no other transport, and the shared layers into none.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const TRANSPORTS = ['workers', 'nats', 'sim'];
const SHARED = ['host', 'control', 'scheduling', 'stats'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [join(dir, e.name)] : []);
}

/** The top-level folder of src/ each relative import of `file` lands in. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.\.?\/[^'"]+)['"]/g)].map((m) => m[1] as string);
  return specs.map((spec) => relative(SRC, resolve(dirname(file), spec)).split('/')[0] as string);
}

describe('the runtime package keeps its layers apart', () => {
  it('finds relative imports at all (the scan is not vacuous)', () => {
    expect(importedFolders(join(SRC, 'workers/worker-cluster.ts'))).toContain('host');
    expect(importedFolders(join(SRC, 'nats/nats-cluster.ts'))).toContain('control');
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}/ imports no other transport`, () => {
      const crossings = filesUnder(join(SRC, transport)).flatMap((file) =>
        importedFolders(file).filter((f) => TRANSPORTS.includes(f) && f !== transport).map((f) => `${relative(SRC, file)} → ${f}/`));
      expect(crossings).toEqual([]);
    });
  }

  for (const layer of SHARED) {
    it(`${layer}/ imports no transport`, () => {
      const crossings = filesUnder(join(SRC, layer)).flatMap((file) =>
        importedFolders(file).filter((f) => TRANSPORTS.includes(f)).map((f) => `${relative(SRC, file)} → ${f}/`));
      expect(crossings).toEqual([]);
    });
  }
});
