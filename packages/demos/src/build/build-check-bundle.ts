import { rmSync } from 'node:fs';
import { bundleCheckCli, CHECK_BUNDLE, inputsManifestOf } from './check-bundle.ts';

// `pnpm build`'s second step, run from dist/ after tsc: writes dist/check-cli.cjs, the bundled
// `faultline check` the bin starts fast from (ARCHITECTURE.md, "Packages and builds"). The bundle
// is only a faster way to run the same code: when it cannot be made, the build says why and goes
// on without it (the bin then runs the check from dist/), and demos/test/check-bundle.test.ts fails.
try {
  await bundleCheckCli();
} catch (error) {
  rmSync(CHECK_BUNDLE, { force: true });
  rmSync(inputsManifestOf(CHECK_BUNDLE), { force: true });
  console.error(`faultline: could not bundle faultline check, which will run from dist/ (slower start-up):\n${error instanceof Error ? error.message : String(error)}`);
}
