import type { Json } from '../protocol/message.ts';
import { stringifyJsonExact } from '../protocol/exact-json.ts';
import { Anomalies, at, verdict, type Workload } from './workload.ts';

/** Maelstrom's `echo`: every `echo_ok` must carry back exactly the `echo` that was sent. */
export function echoWorkload(): Workload {
  let n = 0;
  return {
    name: 'echo',
    generate: () => {
      const text = `Please echo ${++n}`;
      return { f: 'echo', value: text, body: { type: 'echo', echo: text } };
    },
    complete: (_f, reply) => (reply['echo'] ?? null) as Json,
    check(ops) {
      const found = new Anomalies();
      const ok = ops.filter((o) => o.type === 'ok');
      for (const op of ok) {
        if (stringifyJsonExact(op.result) !== stringifyJsonExact(op.value)) found.add('echo-mismatch', `${at(op)} sent ${stringifyJsonExact(op.value)}, got ${stringifyJsonExact(op.result)}`);
      }
      return { ...verdict(found, ok.length > 0, 'no echo was answered, so nothing could be checked'), anomalies: found.counts, lines: [`${ok.length} echoes checked`, ...found.examples] };
    },
  };
}
