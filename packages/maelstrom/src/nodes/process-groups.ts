import type { ChildProcess } from 'node:child_process';

/** Process groups of node programs still alive, so the harness can end them even when it exits abnormally. */
const live = new Set<number>();
let hooked = false;

/**
 * Sends `signal` to the child's whole process group (the child was spawned `detached`, so it leads
 * a group of its own): a `--bin` wrapper's own children get it too. No-op once the group is gone.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group has exited already.
  }
}

/** Whether any process of the child's group still exists (zombies not yet reaped included). */
export function groupExists(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs the group and waits (up to `boundMs`) until none of it is left, so nothing outlives the run. */
export async function killGroupAndWait(child: ChildProcess, boundMs = 1000): Promise<void> {
  signalGroup(child, 'SIGKILL');
  const until = Date.now() + boundMs;
  while (groupExists(child) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Remembers a group leader so an exiting harness kills its group. */
export function trackGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  live.add(pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllGroups);
  }
}

/** Forgets a group once it was killed on purpose. */
export function untrackGroup(child: ChildProcess): void {
  if (child.pid !== undefined) live.delete(child.pid);
}

/** SIGKILLs every node program group still alive (synchronous, so it runs on `exit` and on signals). */
export function killAllGroups(): void {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}
