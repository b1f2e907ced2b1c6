/** Any value a history may carry: whatever JSON (or the EDN subset we read) can express. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

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
