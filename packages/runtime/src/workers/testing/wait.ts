/** Waiting on a real-time cluster by events and conditions, never by fixed sleeps. */
import type { Cluster, ClusterEvents } from '../../cluster.ts';

/** Resolves with the first event of that name matching `match`; rejects after `timeoutMs` (a hang guard, not a timing check). */
export function nextEvent<E extends keyof ClusterEvents>(
  cluster: Cluster, name: E, match: (...args: Parameters<ClusterEvents[E]>) => boolean = () => true, timeoutMs = 10_000,
): Promise<Parameters<ClusterEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cluster.events.off(name, listener as never);
      reject(new Error(`no '${String(name)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<ClusterEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      cluster.events.off(name, listener as never);
      resolve(args[0]);
    };
    cluster.events.on(name, listener as never);
  });
}

/** Polls `check` until it holds; rejects after `timeoutMs` (a hang guard, not a timing check). */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
