/** An EDN keyword such as `:invoke` (name without the colon). */
export interface EdnKeyword {
  kind: 'keyword';
  name: string;
}

/** An EDN map whose keys are all keywords (the only maps Jepsen histories use), keyed by name. */
export interface EdnMap {
  kind: 'map';
  entries: Map<string, EdnValue>;
}

/** The EDN subset this reader understands: nil, booleans, integers, strings, keywords, vectors, lists, keyword maps. */
export type EdnValue = null | boolean | number | string | EdnKeyword | EdnValue[] | EdnMap;

/** Text is not valid in the EDN subset we read; names the 0-based column and the problem. */
export class EdnSyntaxError extends Error {
  override readonly name = 'EdnSyntaxError';
  /** 0-based offset into the text where reading failed. */
  readonly column: number;

  constructor(column: number, problem: string) {
    super(`EDN column ${column + 1}: ${problem}`);
    this.column = column;
  }
}

const escapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
const delimiters = new Set([' ', '\t', '\n', '\r', ',', '{', '}', '[', ']', '(', ')', '"', ';']);

/** Reads exactly one EDN value from `text` (surrounding whitespace and commas allowed). */
export function readEdn(text: string): EdnValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (reader.pos < text.length) throw new EdnSyntaxError(reader.pos, `unexpected ${JSON.stringify(text[reader.pos])} after the value`);
  return value;
}

/** Deepest nesting the reader follows; deeper text is an EdnSyntaxError, not a stack overflow (issue 21). */
export const MAX_EDN_DEPTH = 256;

class Reader {
  readonly text: string;
  pos = 0;
  private depth = 0;

  constructor(text: string) {
    this.text = text;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ';') {
        while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') {
        this.pos++;
      } else {
        return;
      }
    }
  }

  value(): EdnValue {
    this.skipSpace();
    const c = this.text[this.pos];
    switch (c) {
      case undefined:
        throw new EdnSyntaxError(this.pos, 'unexpected end of input, expected a value');
      case '{':
        return this.map();
      case '[':
        return this.sequence(']');
      case '(':
        return this.sequence(')');
      case '"':
        return this.string();
      case ':':
        return this.keyword();
      default:
        return this.atom();
    }
  }

  private map(): EdnMap {
    const start = this.pos++;
    this.enter(start);
    const entries = new Map<string, EdnValue>();
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        this.depth--;
        return { kind: 'map', entries };
      }
      if (this.pos >= this.text.length) throw new EdnSyntaxError(start, 'map is not closed with }');
      const keyAt = this.pos;
      const key = this.value();
      if (key === null || typeof key !== 'object' || Array.isArray(key) || key.kind !== 'keyword') {
        throw new EdnSyntaxError(keyAt, 'map keys must be keywords');
      }
      if (entries.has(key.name)) throw new EdnSyntaxError(keyAt, `duplicate map key :${key.name}`);
      this.skipSpace();
      if (this.text[this.pos] === '}' || this.pos >= this.text.length) {
        throw new EdnSyntaxError(keyAt, `map key :${key.name} has no value`);
      }
      entries.set(key.name, this.value());
    }
  }

  /** Opens one level of nesting at `at`, refusing past MAX_EDN_DEPTH; `close` it when done. */
  private enter(at: number): void {
    if (++this.depth > MAX_EDN_DEPTH) throw new EdnSyntaxError(at, `nested deeper than ${MAX_EDN_DEPTH} levels`);
  }

  private sequence(close: ']' | ')'): EdnValue[] {
    const start = this.pos++;
    this.enter(start);
    const items: EdnValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        this.depth--;
        return items;
      }
      if (this.pos >= this.text.length) throw new EdnSyntaxError(start, `sequence is not closed with ${close}`);
      items.push(this.value());
    }
  }

  private string(): string {
    const start = this.pos++;
    let out = '';
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos++]!;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = t[this.pos++];
      if (e === 'u') {
        const hex = t.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new EdnSyntaxError(this.pos, `bad \\u escape ${JSON.stringify(hex)}`);
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else if (e !== undefined && escapes[e] !== undefined) {
        out += escapes[e];
      } else {
        throw new EdnSyntaxError(this.pos - 1, `unknown string escape \\${e ?? ''}`);
      }
    }
    throw new EdnSyntaxError(start, 'string is not closed with "');
  }

  private token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !delimiters.has(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private keyword(): EdnKeyword {
    const start = this.pos++;
    const name = this.token();
    if (name === '') throw new EdnSyntaxError(start, 'keyword has no name');
    return { kind: 'keyword', name };
  }

  private atom(): null | boolean | number {
    const start = this.pos;
    const token = this.token();
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (/^[+-]?\d+N?$/.test(token)) {
      const n = Number(token.replace(/N$/, ''));
      if (!Number.isSafeInteger(n)) throw new EdnSyntaxError(start, `integer ${token} is too large`);
      return n;
    }
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?M?$/.test(token)) return Number(token.replace(/M$/, ''));
    if (token === '') throw new EdnSyntaxError(start, `unexpected ${JSON.stringify(this.text[start])}`);
    throw new EdnSyntaxError(start, `unsupported token ${JSON.stringify(token)} (symbols, chars and tags are not read)`);
  }
}
