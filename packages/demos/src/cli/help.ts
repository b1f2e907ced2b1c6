import { DEMOS } from '../registry.ts';

/** The text of `faultline --help`. */
export const HELP = `faultline — build small distributed systems on one machine and watch them fail, reproducibly.

Usage:
  faultline demo [name] [--seed N] [--runtime sim|workers|nats] [--nodes N] [--out DIR] [--trace FILE]
                 [--report | --no-report] [--nats URL] [--cluster NAME] [--attach] [--insecure] [--nats-user U] [--nats-nkey-file F] [--nats-ca F] [demo options]
      Runs a demo (default: ${DEMOS[0]?.name}). Every run prints its seed; in the simulator
      (the default runtime) the same seed prints exactly the same run again. Files a demo
      writes (histories) go under DIR (default: runs/). --trace writes every message event
      (send, deliver, drop, in virtual time) to FILE as JSONL, for diagrams and diffing runs.
      --report keeps the run in DIR/<demo>-<runtime>-<seed>/ (trace, histories, nemesis,
      membership, counters) and writes report.html there; ${DEMOS.find((d) => d.reportByDefault)?.name ?? 'none'} does so unless --no-report.
      A demo's own options (--scene, --p, --n, …) are listed under Demos below.
  faultline demo --list
      Lists the demos.
  faultline check <history> --model register|cas-register|kv|log|queue [--timeout-ms N] [--max-memory-mb N]
      Checks a recorded history for linearizability (JSONL, Jepsen EDN or etcd log).
      Exit code 0 linearizable, 1 not linearizable, 2 unknown (a time or memory budget ran
      out), 64 for bad input (usage, an unreadable or malformed history), 70 internal error.
      --report [--out DIR] also writes a run folder with report.html (default DIR:
      <history's folder>/<history name>-check).
  faultline report <run-folder>
      Writes (again) the run folder's report.html: one self-contained page to open in a browser.
  faultline diagram <trace.jsonl> [--from MS] [--limit N]
      Draws a message sequence diagram (one lane per node) of a trace written with --trace.
  faultline node --nats URL --cluster NAME --node ID (--modules FILE[,FILE…] | --demo NAME)
                 (--key-file FILE | --insecure) [--network-modules FILE[,FILE…]] [--data FILE]
                 [--nats-user U] [--nats-nkey-file F] [--nats-ca F]
      Runs one node of a cluster over a NATS server in this process, until interrupted; a
      controller (faultline demo … --runtime nats --attach) finds it and starts it. With
      --runtime nats and no --attach, the demo launches its nodes itself (with a fresh key when
      none is set). The cluster key is read from --key-file or $FAULTLINE_CLUSTER_KEY(_FILE), the
      NATS password from $FAULTLINE_NATS_PASS: never from the command line. Without a key a node
      refuses to start unless --insecure (then anyone on the server controls it). A node imports
      only its --modules, --network-modules and faultline's own network model.
  faultline new <dir>
      Creates an app of your own in <dir> (outside this checkout): actors, a simulator test, a
      workers script, a strict tsconfig, and this checkout's packages packed under vendor/.
  faultline test FILE [--scenario NAME] [--seeds FROM..TO] [--workers N|auto] [--faults MIX]
        [--time-limit 2m] [--check-determinism] [--no-buggify] [--no-shrink] [--capsule PATH]
      Checks every seed of a test file's scenario (a fresh simulator each, on worker threads),
      each seed with its own swarm mix of faults unless --faults fixes one; prints failing seeds
      with a replay command, shrinks the first to a capsule (exit 1 when a seed failed).
  faultline replay CAPSULE
      Runs a capsule again: exit 1 when its failure is reproduced, 0 when the property now holds.
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
${DEMOS.map((d) => [`  ${d.name.padEnd(12)} ${d.summary}`, ...(d.options ?? []).map((o) => `  ${''.padEnd(12)}   --${o.name} ${o.value}: ${o.help}`)].join('\n')).join('\n')}
`;
