/** Any value a history may carry: whatever JSON (or the EDN subset we read) can express. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Deepest nesting of arrays and objects a history value may have. The checker walks values
 * recursively (validation, canonical keys), so deeper ones are refused as input errors naming the
 * line rather than overflowing the stack (issue 21). Histories nest a few levels.
 */
export const MAX_VALUE_DEPTH = 256;

/** Whether `raw` nests arrays or objects deeper than `max` levels (walks at most `max` deep). */
export function nestsDeeperThan(raw: unknown, max: number): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  if (max === 0) return true;
  for (const v of Array.isArray(raw) ? raw : Object.values(raw)) if (nestsDeeperThan(v, max - 1)) return true;
  return false;
}

/** Renders a value as canonical JSON (object keys sorted), so equal values give equal strings. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]!);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
}

/** Whether `raw` (e.g. straight out of `JSON.parse`) is a JsonValue: no undefined, functions or non-finite numbers. */
export function isJsonValue(raw: unknown): raw is JsonValue {
  if (raw === null || typeof raw === 'boolean' || typeof raw === 'string') return true;
  if (typeof raw === 'number') return Number.isFinite(raw);
  if (Array.isArray(raw)) return raw.every(isJsonValue);
  if (typeof raw === 'object') return Object.values(raw).every(isJsonValue);
  return false;
}
