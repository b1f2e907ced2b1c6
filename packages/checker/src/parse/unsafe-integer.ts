/**
 * Finds the first integer literal in a JSON text that `JSON.parse` would round (beyond 2^53 - 1),
 * skipping string contents; undefined when every integer is exact. The EDN reader refuses the same
 * integers (edn.ts), so both formats give the same verdict on a 64-bit history: a refusal, never a
 * verdict on rounded values (issue 21).
 */
export function findUnsafeInteger(source: string): string | undefined {
  if (!/\d{16}/.test(source)) return undefined; // 2^53 has 16 digits: shorter runs are always exact
  const length = source.length;
  let i = 0;
  while (i < length) {
    const c = source.charCodeAt(i);
    if (c === 34) { // '"': skip the string, honouring escapes
      i++;
      while (i < length && source.charCodeAt(i) !== 34) i += source.charCodeAt(i) === 92 ? 2 : 1;
      i++;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) { // '-' or a digit starts a number
      const start = i;
      i++;
      while (i < length && /[0-9.eE+-]/.test(source[i]!)) i++;
      const token = source.slice(start, i);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) return token;
      continue;
    }
    i++;
  }
  return undefined;
}
