/**
 * JSON read and written exactly: an integer past 2^53 - 1 becomes a `bigint` instead of a rounded
 * number, and a `bigint` is written back as its digits. Maelstrom reads node output on the JVM
 * (process.clj: cheshire `json/parse-string`, Jackson underneath), where such an integer is a `BigInteger`, so two distinct 64-bit ids stay
 * distinct (issue 21: snowflake-style ids were rounded into `duplicate-ids`). Lines without a run of
 * 16 digits take `JSON.parse` unchanged; only the others pay for this parser.
 */

/** Parses one JSON text; integers beyond the safe range come back as `bigint`. Throws `SyntaxError`. */
export function parseJsonExact(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  const parser = new ExactParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

/** `JSON.stringify` that writes a `bigint` as its digits (JSON has no size limit on integers). */
export function stringifyJsonExact(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error;
    return writeExact(value) ?? 'null';
  }
}

function writeExact(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => writeExact(v) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const text = writeExact(v);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** A recursive-descent JSON parser; callers bound the nesting first (json-depth.ts). */
class ExactParser {
  private at = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  value(): unknown {
    this.skip();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.at)) { this.at += word.length; return v; }
    }
    return this.fail();
  }

  end(): void {
    this.skip();
    if (this.at !== this.text.length) this.fail();
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.at++;
    if (this.peek() === '}') { this.at++; return out; }
    for (;;) {
      if (this.peek() !== '"') this.fail();
      const key = this.string();
      if (this.peek() !== ':') this.fail();
      this.at++;
      // defineProperty, as JSON.parse does: a "__proto__" key is an own property, not the prototype.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      const next = this.peek();
      this.at++;
      if (next === '}') return out;
      if (next !== ',') this.fail(this.at - 1);
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.at++;
    if (this.peek() === ']') { this.at++; return out; }
    for (;;) {
      out.push(this.value());
      const next = this.peek();
      this.at++;
      if (next === ']') return out;
      if (next !== ',') this.fail(this.at - 1);
    }
  }

  private string(): string {
    // Find the closing quote (skipping escapes); JSON.parse then checks and unescapes the string.
    const start = this.at;
    let i = start + 1;
    for (; i < this.text.length && this.text[i] !== '"'; i++) if (this.text[i] === '\\') i++;
    if (i >= this.text.length) return this.fail(i);
    this.at = i + 1;
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail();
    this.at = NUMBER.lastIndex;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
  }

  /** The next non-blank character (whitespace skipped). */
  private peek(): string | undefined {
    this.skip();
    return this.text[this.at];
  }

  private skip(): void {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.exec(this.text);
    this.at = WHITESPACE.lastIndex;
  }

  private fail(at = this.at): never {
    throw new SyntaxError(at >= this.text.length ? 'Unexpected end of JSON input' : `Unexpected token ${JSON.stringify(this.text[at])} in JSON at position ${at}`);
  }
}
