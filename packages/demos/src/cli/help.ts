import { DEMOS } from '../registry.ts';

/** The text of `faultline --help`. */
export const HELP = `faultline — build small distributed systems on one machine and watch them fail, reproducibly.

Usage:
  faultline demo [name] [--seed N] [--runtime sim|workers] [--nodes N] [--out DIR] [--trace FILE] [demo options]
      Runs a demo (default: ${DEMOS[0]?.name}). Every run prints its seed; in the simulator
      (the default runtime) the same seed prints exactly the same run again. Files a demo
      writes (histories) go under DIR (default: runs/). --trace writes every message event
      (send, deliver, drop, in virtual time) to FILE as JSONL, for diagrams and diffing runs.
      A demo's own options (--scene, --p, --n, …) are listed under Demos below.
  faultline demo --list
      Lists the demos.
  faultline check <history> --model register|cas-register|kv [--timeout-ms N]
      Checks a recorded history for linearizability (JSONL, Jepsen EDN or etcd log).
      Exit code 0 linearizable, 1 not linearizable, 2 unknown (time budget ran out),
      64 for bad input (usage, an unreadable or malformed history).
  faultline diagram <trace.jsonl> [--from MS] [--limit N]
      Draws a message sequence diagram (one lane per node) of a trace written with --trace.
  faultline --help
      This text.

Demos:
${DEMOS.map((d) => [`  ${d.name.padEnd(12)} ${d.summary}`, ...(d.options ?? []).map((o) => `  ${''.padEnd(12)}   --${o.name} ${o.value}: ${o.help}`)].join('\n')).join('\n')}
`;
