/** A `--transaction-order` that is not pairs of whole numbers, or names one index twice. */
export class TransactionOrderError extends Error {
  override readonly name = 'TransactionOrderError';
}

/**
 * Parses Elle's `:transaction-order` (completion `:index` -> position in the commit order) from
 * `0:2,1:1`, an EDN map `{0 2, 1 1}` or a JSON object `{"0": 2, "1": 1}`: whole numbers in pairs.
 */
export function parseTransactionOrder(text: string): Map<number, number> {
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const words = body.split(/[\s,:"]+/).filter((w) => w !== '');
  if (words.length % 2 !== 0) throw new TransactionOrderError(`transaction order must be index/position pairs; got an odd count of numbers (${words.length})`);
  const out = new Map<number, number>();
  for (let i = 0; i < words.length; i += 2) {
    const [k, v] = [words[i]!, words[i + 1]!];
    if (!/^\d+$/.test(k) || !/^-?\d+$/.test(v)) throw new TransactionOrderError(`transaction order pairs must be whole numbers; got ${JSON.stringify(`${k} ${v}`)}`);
    if (out.has(Number(k))) throw new TransactionOrderError(`transaction order names index ${k} twice`);
    out.set(Number(k), Number(v));
  }
  return out;
}
