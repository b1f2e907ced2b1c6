import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Worker-mode tests start real worker_threads; on a shared 2-core machine give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // In CI also write a JSON report, from which .ci/run prints its closing 'N passed, N failed' line.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
  },
});
