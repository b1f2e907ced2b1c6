import { defineConfig } from 'vitest/config';

// The workspace's own tests run the packages' TypeScript sources, not their built dist/: every
// package exports `"@faultline/source": "./src/…ts"` first (ARCHITECTURE.md, "Packages and builds").
const SOURCE_CONDITION = '@faultline/source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Worker-mode tests start real worker_threads; on a shared 2-core machine give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // In CI also write a JSON report, from which .ci/run prints its closing 'N passed, N failed' line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
  },
});
