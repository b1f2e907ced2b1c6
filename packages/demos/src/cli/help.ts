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
  faultline maelstrom test -w WORKLOAD (--bin PATH [args] | --program MODULE) [--node-count N]
        [--time-limit S] [--rate R] [--nemesis partition,kill,pause,link,clock] [--latency MS]
        [--loss P] [--duplicate P] [--seed N] [--out DIR]
      Runs a Maelstrom-protocol node program (Gossip Glomers) against a workload and its checker:
      echo, unique-ids, broadcast, g-counter, pn-counter, kafka, txn-rw-register, lin-kv.
      --bin runs one process per node in real time (the seed fixes faults and operations, not
      the program's timing); --program runs a module's exported program in the simulator, where
      the seed replays everything. Exit code 0 valid, 1 invalid, 2 unknown; files in DIR/maelstrom/.
  faultline --help
      This text.

Demos:
${DEMOS.map((d) => `  ${d.name.padEnd(12)} ${d.summary}`).join('\n')}
`;
