// One truth for the Node.js version (issue 10, item 7): the root package.json's engines field, and
// every place a reader is told which Node.js to install says the same.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string): string => readFileSync(join(repo, file), 'utf8');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
const minimum = /^>=(\d+\.\d+)$/.exec(engines)?.[1];

describe('the Node.js version', () => {
  it('is stated once, as a minimum, in package.json engines', () => {
    expect(minimum, `engines.node is ${engines}`).toBeDefined();
  });

  it.each(['README.md', 'docs/01-getting-started.md'])('is the same in %s', (file) => {
    const stated = [...read(file).matchAll(/Node\.js (\d+(?:\.\d+)*)/g)].map((m) => m[1]);
    expect(stated.length, `${file} should say which Node.js to install`).toBeGreaterThan(0);
    for (const version of stated) expect(version, file).toBe(minimum);
  });

  it('is met by the Node.js running the tests', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const [wantMajor = 0, wantMinor = 0] = (minimum ?? '').split('.').map(Number);
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor), `running ${process.versions.node}, need ${minimum}`).toBe(true);
  });
});
