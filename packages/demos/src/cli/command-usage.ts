// One usage block per command, shared by `faultline --help` and `faultline COMMAND --help`.
// Kept free of imports so a command's help loads nothing else.

/** The usage block of each command, as `faultline --help` prints it. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  check: `  faultline check <history> --model register|cas-register|kv|log|queue [--timeout-ms N] [--max-memory-mb N]
      Checks a recorded history for linearizability (JSONL, Jepsen EDN or etcd log).
      Exit code 0 linearizable, 1 not linearizable, 2 unknown (a time or memory budget ran
      out), 64 for bad input (usage, an unreadable or malformed history), 70 internal error.
      --report [--out DIR] also writes a run folder with report.html (default DIR:
      <history's folder>/<history name>-check).`,
  report: `  faultline report <run-folder>
      Writes (again) the run folder's report.html: one self-contained page to open in a browser.
  faultline report CAPSULE.explore.json
      Replays an explore capsule's path into a run folder beside it (CAPSULE.explore-report/) and
      writes its report: a step per virtual ms, for step mode to walk.`,
  diagram: `  faultline diagram <trace.jsonl> [--from MS] [--limit N]
      Draws a message sequence diagram (one lane per node) of a trace written with --trace.`,
  node: `  faultline node --nats URL --cluster NAME --node ID (--modules FILE[,FILE…] | --demo NAME)
                 (--key-file FILE | --insecure) [--network-modules FILE[,FILE…]] [--data FILE]
                 [--nats-user U] [--nats-nkey-file F] [--nats-ca F]
      Runs one node of a cluster over a NATS server in this process, until interrupted; a
      controller (faultline demo … --runtime nats --attach) finds it and starts it. With
      --runtime nats and no --attach, the demo launches its nodes itself (with a fresh key when
      none is set). The cluster key is read from --key-file or $FAULTLINE_CLUSTER_KEY(_FILE), the
      NATS password from $FAULTLINE_NATS_PASS: never from the command line. Without a key a node
      refuses to start unless --insecure (then anyone on the server controls it). A node imports
      only its --modules, --network-modules and faultline's own network model.`,
  new: `  faultline new <dir>
      Creates an app of your own in <dir> (outside this checkout): actors, a simulator test, a
      workers script, a strict tsconfig, and this checkout's packages packed under vendor/.`,
  test: `  faultline test FILE [--scenario NAME] [--seeds FROM..TO] [--workers N|auto] [--faults MIX]
        [--time-limit 2m] [--check-determinism] [--no-buggify] [--no-shrink] [--capsule PATH]
      Checks every seed of a test file's scenario (a fresh simulator each, on worker threads),
      each seed with its own swarm mix of faults unless --faults fixes one; prints failing seeds
      with a replay command, shrinks the first to a capsule (exit 1 when a seed failed).`,
  explore: `  faultline explore FILE [--spec NAME] [--strategy bfs|dfs|random|pct] [--max-depth N] [--max-drops N]
        [--max-duplicates N] [--max-in-flight N] [--max-states N] [--time-limit-ms N] [--seed N] [--walks N]
        [--pct-depth N] [--capsule PATH]
      Searches every order of message delivery, loss, duplication and timer firing of a spec
      (chapter 19): breadth-first finds the shortest violating trace; random and pct sample.
      Prints states visited, unique states, states/s and whether the bounded space was exhausted;
      writes a capsule of a violation (exit 1), exit 0 when none was found.
  faultline explore --replay CAPSULE
      Replays a capsule's choices and prints its trace: exit 1 when the violation is reproduced.`,
  exercise: `  faultline exercise [NAME] [--check FILE] [--seeds FROM..TO | --seed N] [--out DIR]
      The course's checked exercises (docs/, the end of each chapter). No name lists them; a
      name prints its task and starter file; --check FILE runs your solution against the
      exercise's check (each seed a fresh simulator with its nemesis and checker) and prints pass,
      or the first failing seed with its replay line and report (DIR/exercise-NAME-FILE-SEED/report.html,
      default DIR: runs/). --seed N checks one seed and always writes its report. Exit 0 pass, 1 fail.`,
  replay: `  faultline replay CAPSULE
      Runs a capsule again: exit 1 when its failure is reproduced, 0 when the property now holds.`,
  maelstrom: `  faultline maelstrom test -w WORKLOAD (--bin PATH [args] | --program MODULE) [--node-count N]
        [--time-limit S] [--rate R] [--nemesis partition,kill,pause,link,clock] [--latency MS]
        [--loss P] [--duplicate P] [--seed N] [--out DIR]
      Runs a Maelstrom-protocol node program (Gossip Glomers) against a workload and its checker:
      echo, unique-ids, broadcast, g-counter, pn-counter, kafka, txn-rw-register, lin-kv.
      --bin runs one process per node in real time (the seed fixes faults and operations, not
      the program's timing); --program runs a module's exported program in the simulator, where
      the seed replays everything. Defaults are Maelstrom's (60 s, 5/s, 1n clients, 5 s timeout).
      Exit code 0 valid, 1 invalid, 2 unknown, 64 when the program cannot start; files in DIR/maelstrom/.`,
};

/** The usage of one command, or undefined for a name that is not a command. */
export function commandUsage(command: string): string | undefined {
  return Object.hasOwn(COMMAND_USAGE, command) ? `Usage:\n${COMMAND_USAGE[command]}\n` : undefined;
}
