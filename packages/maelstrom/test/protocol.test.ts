import { describe, expect, it } from 'vitest';
import { describeViolation, validateLine, MAX_LINE_BYTES } from '../src/index.ts';

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
    ['another node\'s src', '{"src":"n1","dest":"c1","body":{"type":"x"}}', /"src" is "n1" but this node is n0/],
    ['no dest', '{"src":"n0","body":{"type":"x"}}', /missing "dest"/],
    ['an unknown dest', '{"src":"n0","dest":"n9","body":{"type":"x"}}', /"dest" "n9" is not a known node/],
    ['no body', '{"src":"n0","dest":"c1"}', /missing "body"/],
    ['a body without type', '{"src":"n0","dest":"c1","body":{}}', /"body.type" must be a string/],
    ['a fractional msg_id', '{"src":"n0","dest":"c1","body":{"type":"x","msg_id":1.5}}', /"body.msg_id" must be an integer/],
  ])('refuses %s, naming node and line', (_name, line, reason) => {
    const v = check(line);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.violation).toMatchObject({ node: 'n0', line: 7 });
    expect(v.violation.reason).toMatch(reason);
    expect(describeViolation(v.violation)).toMatch(/^n0 line 7: /);
  });

  it('refuses a line longer than the bound without parsing it', () => {
    const v = check(`"${'x'.repeat(MAX_LINE_BYTES)}"`);
    expect(v.ok ? '' : v.violation.reason).toMatch(/longer than/);
  });
});
