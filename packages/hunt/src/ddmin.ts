/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", IEEE TSE
 * 28(2), 2002, fig. 4): a 1-minimal subset of `items` for which `fails` still holds, testing
 * subsets, then complements, at ever finer granularity. `fails(items)` must hold on entry.
 */
export async function ddmin<T>(items: readonly T[], fails: (subset: readonly T[]) => Promise<boolean>): Promise<T[]> {
  let current = [...items];
  if (current.length > 0 && (await fails([]))) return [];
  let n = 2;
  while (current.length >= 2) {
    const chunks = split(current, n);
    let reduced = false;
    for (const chunk of chunks) {
      if (await fails(chunk)) { current = chunk; n = 2; reduced = true; break; }
    }
    if (!reduced) {
      for (let i = 0; i < chunks.length && !reduced; i++) {
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (await fails(complement)) { current = complement; n = Math.max(n - 1, 2); reduced = true; }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  if (current.length === 1 && (await fails([]))) return [];
  return current;
}

/** `items` in `n` nearly equal consecutive chunks. */
function split<T>(items: readonly T[], n: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((items.length - start) / (n - i));
    if (end > start) chunks.push(items.slice(start, end));
    start = end;
  }
  return chunks;
}
