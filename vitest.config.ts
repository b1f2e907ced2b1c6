import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './vitest.sequencer.ts';

// The workspace's own tests run the packages' TypeScript sources, not their built dist/: every
// package exports `"@faultline/source": "./src/…ts"` first (ARCHITECTURE.md, "Packages and builds").
const SOURCE_CONDITION = '@faultline/source';

// Test files that change process-wide state (environment variables, patched globals) or that
// must not share a module graph with others run in a fresh module graph each. Every other file
// shares one module graph per test worker (`isolate: false`): transforming the packages' sources
// once per worker instead of once per file is most of what the suite used to spend.
// A file that passes alone but fails after another file in the shared project belongs here.
const NEEDS_ISOLATION = [
  'packages/demos/test/cli-nats.test.ts',
  'packages/runtime/test/nats/nats-permissions.test.ts',
  // Floods a NATS node process for seconds: alone in its own module graph, away from the shared project's files.
  'packages/runtime/test/nats/nats-flow-control.test.ts',
  'packages/runtime/test/hardening/timer-delays.test.ts',
  'packages/runtime/test/workers-wire.test.ts',
  // Hosts a NATS node agent in the test process, which marks the process as that node while it runs.
  'packages/runtime/test/nats/nats-remote-code.test.ts',
];

const ALL_TESTS = 'packages/*/test/**/*.test.ts';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
  test: {
    // Two test files at a time: this machine has 2 cores, and vitest's default (cores − 1) runs one.
    maxWorkers: 2,
    // Longest files first (vitest.sequencer.ts): a long file started last runs on alone at the end.
    sequence: { sequencer: SlowFirstSequencer },
    // Worker-mode tests start real worker_threads; on a shared 2-core machine give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // In CI also write a JSON report, from which .ci/run prints its closing 'N passed, N failed' line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'shared', include: [ALL_TESTS], exclude: NEEDS_ISOLATION, isolate: false } },
      { extends: true, test: { name: 'isolated', include: NEEDS_ISOLATION, isolate: true } },
    ],
  },
});
