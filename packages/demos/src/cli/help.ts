import { DEMOS } from '../registry.ts';

/** The text of `faultline --help`. */
export const HELP = `faultline — build small distributed systems on one machine and watch them fail, reproducibly.

Usage:
  faultline demo [name] [--seed N] [--runtime sim|workers] [--nodes N] [--out DIR] [--trace FILE]
      Runs a demo (default: ${DEMOS[0]?.name}). Every run prints its seed; in the simulator
      (the default runtime) the same seed prints exactly the same run again. Files a demo
      writes (histories) go under DIR (default: runs/). --trace writes every message event
      (send, deliver, drop, in virtual time) to FILE as JSONL, for diagrams and diffing runs.
  faultline demo --list
      Lists the demos.
  faultline check <history> --model register|cas-register|kv [--timeout-ms N]
      Checks a recorded history for linearizability (JSONL, Jepsen EDN or etcd log).
      Exit code 0 linearizable, 1 not linearizable, 2 unknown (time budget ran out),
      64 for bad input (usage, an unreadable or malformed history).
  faultline diagram <trace.jsonl> [--from MS] [--limit N]
      Draws a message sequence diagram (one lane per node) of a trace written with --trace.
  faultline new <dir>
      Creates an app of your own in <dir> (outside this checkout): actors, a simulator test, a
      workers script, a strict tsconfig, and this checkout's packages packed under vendor/.
  faultline --help
      This text.

Demos:
${DEMOS.map((d) => `  ${d.name.padEnd(12)} ${d.summary}`).join('\n')}
`;
