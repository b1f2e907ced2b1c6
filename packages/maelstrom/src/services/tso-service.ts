import type { Endpoint, MaelstromNet } from '../net/maelstrom-net.ts';
import { errorBody, type MaelstromMessage } from '../protocol/message.ts';

/**
 * Maelstrom's `lin-tso` (service.clj `persistent-tso`): a linearizable timestamp oracle. Each
 * `{"type": "ts"}` gets `{"type": "ts_ok", "ts": n}` with n = 0, 1, 2… in the order requests
 * arrive; anything else is error 10 (not-supported).
 */
export class TsoService implements Endpoint {
  static readonly NAME = 'lin-tso';
  private next = 0;
  private readonly net: MaelstromNet;

  constructor(net: MaelstromNet) {
    this.net = net;
  }

  deliver(message: MaelstromMessage): void {
    const body = message.body;
    const reply = body.type === 'ts' ? { type: 'ts_ok', ts: this.next++ } : errorBody(body.msg_id, 10, `lin-tso does not support ${String(body.type)}`);
    this.net.send({ src: TsoService.NAME, dest: message.src, body: { ...reply, in_reply_to: body.msg_id ?? 0 } });
  }
}
