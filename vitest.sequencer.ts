import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds the suite's slowest files took, each run alone on the shared 2-core machine at load
 * 15-40 (issue 27 item 5), so several times a quiet machine's. Only their order matters: a file
 * not listed is taken as faster than every listed one. Re-measure when a file here changes much.
 */
export const KNOWN_SLOW_FILES: Readonly<Record<string, number>> = {
  'packages/demos/test/scaffold.test.ts': 255,
  'packages/demos/test/docs.test.ts': 180,
  'packages/registers/test/ap-register.test.ts': 157,
  'packages/demos/test/cp-vs-ap.test.ts': 150,
  'packages/runtime/test/workers.test.ts': 147,
  'packages/demos/test/report-lessons.test.ts': 96,
  'packages/registers/test/cp-register.test.ts': 82,
  'packages/runtime/test/storage/real-disk-faults.test.ts': 78,
  'packages/runtime/test/nats/nats-flow-control.test.ts': 77,
  'packages/hunt/test/hunt.test.ts': 71,
  'packages/demos/test/transfer.test.ts': 68,
  'packages/membership/test/sim-scale.test.ts': 60,
  'packages/registers/test/nats-cp-register.test.ts': 55,
  'packages/demos/test/report-scenes.test.ts': 52,
  'packages/demos/test/exercises.test.ts': 50,
  'packages/demos/test/ack-before-sync.test.ts': 44,
  'packages/demos/test/cli-nats.test.ts': 42,
  'packages/demos/test/report-browser.test.ts': 39,
  'packages/hunt/test/corpus-twins.test.ts': 37,
  'packages/maelstrom/test/hostile.test.ts': 35,
  'packages/demos/test/check-bundle.test.ts': 30,
  'packages/checker/test/parallel.test.ts': 29,
  'packages/hunt/test/held-out.test.ts': 25,
  'packages/runtime/test/nats/nats-control-auth.test.ts': 25,
};

/**
 * Longest files first, so that no long file starts late and runs on alone at the end (the longest
 * processing time rule for two workers). Vitest's own order runs files it has timed before longest
 * first, and files it has never timed, as in CI's clean checkout, largest first — and a small file
 * can be long (cp-vs-ap, hunt, transfer). Here a file's time is vitest's cached duration when there
 * is one, else its entry in KNOWN_SLOW_FILES; files that failed last time still go first.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byVitest = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = new Map<TestSpecification, { failed: boolean; ms: number; at: number }>();
    byVitest.forEach((spec, at) => {
      const path = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      const known = KNOWN_SLOW_FILES[path];
      rank.set(spec, { failed: cached?.failed === true, ms: cached?.duration ?? (known === undefined ? 0 : known * 1000), at });
    });
    const of = (spec: TestSpecification) => rank.get(spec)!;
    return [...byVitest].sort((a, b) => {
      const x = of(a), y = of(b);
      if (x.failed !== y.failed) return x.failed ? -1 : 1;
      return y.ms - x.ms || x.at - y.at;
    });
  }
}
