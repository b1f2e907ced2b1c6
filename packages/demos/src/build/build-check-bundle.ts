import { bundleCheckCli } from './check-bundle.ts';

// `pnpm build`'s second step, run from dist/ after tsc: writes dist/check-cli.mjs, the bundled
// `faultline check` the bin starts fast from (ARCHITECTURE.md, "Packages and builds").
await bundleCheckCli();
