import { describe, expect, it } from 'vitest';
import { describeViolation, validateLine, MAX_LINE_BYTES } from '../src/index.ts';
import { LineSplitter } from '../src/nodes/line-splitter.ts';

const known = (id: string) => ['n0', 'n1', 'c1', 'lin-kv'].includes(id);
const check = (line: string) => validateLine('n0', 7, line, known);

describe('validating what a node program writes', () => {
  it('accepts a well-formed message', () => {
    const v = check('{"src":"n0","dest":"c1","body":{"type":"echo_ok","in_reply_to":3}}');
    expect(v).toMatchObject({ ok: true, message: { dest: 'c1', body: { type: 'echo_ok' } } });
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['an array', '[1]', /must be a JSON object/],
    ['no src', '{"dest":"c1","body":{"type":"x"}}', /missing "src"/],
    ['an unknown src', '{"src":"n7","dest":"c1","body":{"type":"x"}}', /"src" "n7" is not a known/],
    ['no dest', '{"src":"n0","body":{"type":"x"}}', /missing "dest"/],
    ['an unknown dest', '{"src":"n0","dest":"n9","body":{"type":"x"}}', /"dest" "n9" is not a known node/],
    ['no body', '{"src":"n0","dest":"c1"}', /missing "body"/],
    ['JSON nested deeper than the bound', `{"src":"n0","dest":"c1","body":{"type":"x","v":${'['.repeat(4000)}${']'.repeat(4000)}}}`, /nested deeper than/],
  ])('refuses %s, naming node and line', (_name, line, reason) => {
    const v = check(line);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.violation).toMatchObject({ node: 'n0', line: 7 });
    expect(v.violation.reason).toMatch(reason);
    expect(describeViolation(v.violation)).toMatch(/^n0 line 7: /);
  });

  // Maelstrom (net/message.clj `validate`, net.clj `validate-msg`) requires only known src and dest.
  it.each([
    ['another node\'s src (a proxy)', '{"src":"n1","dest":"c1","body":{"type":"x"}}', ['src-not-this-node']],
    ['a body without type', '{"src":"n0","dest":"c1","body":{}}', ['body-without-type']],
    ['in_reply_to null', '{"src":"n0","dest":"n1","body":{"type":"x","in_reply_to":null}}', ['non-integer-in-reply-to']],
    ['a fractional msg_id', '{"src":"n0","dest":"c1","body":{"type":"x","msg_id":1.5}}', ['non-integer-msg-id']],
  ])('delivers, as Maelstrom does, %s, with a warning', (_name, line, warnings) => {
    const v = check(line);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings).toEqual(warnings);
  });

  it('refuses a line longer than the bound without parsing it', () => {
    const v = check(`"${'x'.repeat(MAX_LINE_BYTES)}"`);
    expect(v.ok ? '' : v.violation.reason).toMatch(/longer than/);
  });
});

describe('splitting a program\'s stdout into lines', () => {
  it('keeps lines across chunks and drops \\r', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), () => lines.push('TOO LONG'), 10);
    s.push('{"a":');
    s.push('1}\r\n{"b"');
    s.push(':2}\n');
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports a line past the bound once and skips to its newline, without buffering it', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), (start) => lines.push(`too long: ${start}`), 10);
    s.push('x'.repeat(8));
    s.push('y'.repeat(8));
    s.push('z'.repeat(100));
    s.push('zz\nok\n');
    expect(lines).toEqual([`too long: ${'x'.repeat(8)}${'y'.repeat(8)}`, 'ok']);
  });
});
