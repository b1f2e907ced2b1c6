// Words for operations on the page: pure functions, so they are tested without a browser.

/** A process's row label: the node it talks to when known (`n2 p7`), else `process 7` (a history checked on its own). */
export function processLabel(nodeOfProcess: Readonly<Record<string, string>>, process: number): string {
  const node = nodeOfProcess[String(process)];
  return node === undefined ? `process ${process}` : `${node} p${process}`;
}

/**
 * An operation in words: `read x returned 169`, `write x 5`, `cas x [1,2] returned true`. The
 * argument is left out when there is none (a read's is `null`), the result when it only repeats
 * the argument (an acknowledged write), so no `read null → 169`.
 */
export function opText(f: string, key: string, input: string, output: string): string {
  const head = `${f}${key ? ` ${key}` : ''}`;
  const arg = input === '' || input === 'null' ? '' : ` ${input}`;
  const result = output === '' || output === input ? '' : ` returned ${output}`;
  return `${head}${arg}${arg && result ? ',' : ''}${result}`;
}
