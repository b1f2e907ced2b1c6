import { DEMO_CATALOG } from '../demo-catalog.ts';
import { COMMAND_USAGE } from './command-usage.ts';

/** The text of `faultline --help`. */
export const HELP = `faultline — build small distributed systems on one machine and watch them fail, reproducibly.

Usage:
  faultline demo [name] [--seed N] [--runtime sim|workers|nats] [--nodes N] [--out DIR] [--trace FILE]
                 [--report | --no-report] [--nats URL] [--cluster NAME] [--attach] [--insecure] [--nats-user U] [--nats-nkey-file F] [--nats-ca F] [demo options]
      Runs a demo (default: ${DEMO_CATALOG[0]?.name}). Every run prints its seed; in the simulator
      (the default runtime) the same seed prints exactly the same run again. Files a demo
      writes (histories) go under DIR (default: runs/). --trace writes every message event
      (send, deliver, drop, in virtual time) to FILE as JSONL, for diagrams and diffing runs.
      --report keeps the run in DIR/<demo>-<runtime>-<seed>/ (trace, histories, nemesis,
      membership, counters) and writes report.html there; ${DEMO_CATALOG.find((d) => d.reportByDefault)?.name ?? 'none'} does so unless --no-report.
      A demo's own options (--scene, --p, --n, …) are listed under Demos below.
  faultline demo --list
      Lists the demos.
${Object.values(COMMAND_USAGE).join('\n')}
  faultline --help
      This text.

Demos:
${DEMO_CATALOG.map((d) => [`  ${d.name.padEnd(12)} ${d.summary}`, ...(d.options ?? []).map((o) => `  ${''.padEnd(12)}   --${o.name} ${o.value}: ${o.help}`)].join('\n')).join('\n')}
`;
