import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

const specs = fileURLToPath(new URL('../src/explore/specs.ts', import.meta.url));

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('faultline explore', () => {
  it('finds the Two Generals run with one general alone, writes a capsule, and --replay reproduces it', async () => {
    const capsule = join(mkdtempSync(join(tmpdir(), 'explore-cli-')), 'tg.json');
    const found = await run('explore', specs, '--spec', 'two-generals/k=1', '--max-drops', '2', '--capsule', capsule);
    expect(found.code).toBe(1);
    expect(found.text).toContain('VIOLATION of "no general attacks alone" after 3 steps (breadth-first: no shorter path breaks it)');
    expect(found.text).toMatch(/\d+ unique states of \d+ visited/);
    expect(existsSync(capsule)).toBe(true);
    const again = await run('explore', '--replay', capsule);
    expect(again.code).toBe(1);
    expect(again.text).toContain('reproduced: no general attacks alone');
  });

  it('finds the corpus lock bug with PCT when tokens are checked on writes only, and none with full fencing', async () => {
    const capsule = join(mkdtempSync(join(tmpdir(), 'explore-cli-')), 'lock.json');
    const writes = await run('explore', specs, '--spec', 'lock/fencing=writes', '--strategy', 'pct', '--walks', '2000', '--max-depth', '40', '--capsule', capsule);
    expect(writes.code).toBe(1);
    expect(writes.text).toContain('both holders wrote');
    const full = await run('explore', specs, '--spec', 'lock/fencing=full', '--strategy', 'pct', '--walks', '300', '--max-depth', '40');
    expect(full.code).toBe(0);
    expect(full.text).toContain('no violation found');
  }, 120_000);

  it('refuses bad input with a usage error naming it', async () => {
    expect((await run('explore', specs, '--spec', 'lock/fencing=full', '--strategy', 'sideways')).text).toContain('--strategy');
    expect((await run('explore', specs, '--spec', 'nope')).text).toContain('must name one of');
    expect((await run('explore', specs, '--spec', 'lock/fencing=full', '--max-depth', '-3')).code).toBe(64);
  });
});
