import type { Endpoint } from '../net/maelstrom-net.ts';

/** One cluster node as the test harness drives it: an external process or an in-process program. */
export interface HostedNode extends Endpoint {
  readonly id: string;
  /** Starts the node (spawns the process / runs the program's setup). */
  start(): void;
  /** Kills it: state is lost, messages to it are dropped until `start` again. */
  crash(): void;
  /** Stops it from running while keeping its state; messages wait. */
  pause(): void;
  resume(): void;
  readonly running: boolean;
  /** Ends the node for good at the end of a run. */
  stop(): Promise<void>;
}
