import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { EXERCISES_DIR, exerciseFile, type ExerciseFile } from '../src/exercises/folders.ts';
import { EXERCISES } from '../src/exercises/registry.ts';
import { checkSolution } from '../src/exercises/run-exercise.ts';

// Issue 22, item 6: every checked exercise has a starter, a reference solution that passes its
// check on every default seed, and a planted wrong solution the check catches (simulator, fixed seeds).

const load = async (name: string, file: ExerciseFile): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(exerciseFile(name, file)).href)) as Record<string, unknown>;
const seedsOf = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('the checked exercises', () => {
  it('are at least six, each a folder with a starter, a reference and a wrong solution, and no folder is left over', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(6);
    expect(readdirSync(EXERCISES_DIR).filter((f) => !f.includes('.')).sort()).toEqual(EXERCISES.map((e) => e.name).sort());
    for (const e of EXERCISES) for (const f of ['starter', 'reference', 'wrong'] as const) expect(existsSync(exerciseFile(e.name, f)), `${e.name}/${f}.ts`).toBe(true);
  });

  describe.each(EXERCISES.map((e) => [e.name, e] as const))('%s', (_name, exercise) => {
    it(`passes the reference solution on seeds 1..${exercise.seeds}`, async () => {
      const result = await checkSolution(exercise, await load(exercise.name, 'reference'), seedsOf(exercise.seeds));
      expect(result.status === 'failed' ? `seed ${result.seed}: ${result.verdict.explanation}` : 'passed').toBe('passed');
    }, 60_000);

    it('fails the planted wrong solution, and the starter', async () => {
      for (const file of ['wrong', 'starter'] as const) {
        const result = await checkSolution(exercise, await load(exercise.name, file), seedsOf(exercise.seeds));
        expect(result.status, `${exercise.name}/${file}.ts`).toBe('failed');
      }
    }, 60_000);
  });
});

describe('faultline exercise', () => {
  const out = mkdtempSync(join(tmpdir(), 'faultline-exercise-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const run = async (argv: string[]): Promise<{ code: number; text: string }> => {
    const lines: string[] = [];
    const code = await runCli(argv, (l) => lines.push(l));
    return { code, text: lines.join('\n') };
  };

  it('lists the exercises with no name, and refuses an unknown one with exit 64', async () => {
    const list = await run(['exercise']);
    expect(list.code).toBe(0);
    for (const e of EXERCISES) expect(list.text).toContain(e.name);
    const bad = await run(['exercise', 'no-such-exercise']);
    expect(bad.code).toBe(64);
    expect(bad.text).toContain(EXERCISES[0]?.name);
  });

  it("prints a wrong solution's failing seed with its replay line and a report that exists", async () => {
    const name = 'idempotent-counter';
    const r = await run(['exercise', name, '--check', exerciseFile(name, 'wrong'), '--out', out]);
    expect(r.code).toBe(1);
    const replay = /replay: (faultline exercise .+ --seed (\d+))$/m.exec(r.text);
    expect(replay, r.text).not.toBeNull();
    const report = /^report: (.+)$/m.exec(r.text)?.[1] ?? '';
    expect(existsSync(report), report).toBe(true);
    expect(report).toBe(join(out, `exercise-${name}-wrong-${replay?.[2]}`, 'report.html'));
  }, 60_000);

  it('refuses, with exit 64 and the export it needs, a file that does not export what the task names', async () => {
    const r = await run(['exercise', 'idempotent-counter', '--check', exerciseFile('hlc-clock', 'reference'), '--out', out]);
    expect(r.code).toBe(64);
    expect(r.text).toContain('the solution must export Counter');
  });

  it('passes the reference solution', async () => {
    const name = 'idempotent-counter';
    const r = await run(['exercise', name, '--check', exerciseFile(name, 'reference'), '--seeds', '1..5', '--out', out]);
    expect(r.text).toContain('pass: 5 seeds checked');
    expect(r.code).toBe(0);
  }, 60_000);
});
