import type { NodeId } from '@faultline/core';
import type { WireMessage } from './messages.ts';
import { answerSync, asSuspicions, introduceIfUnknown } from './member-list-dissemination.ts';
import { markJoined } from './member-list-lifecycle.ts';
import type { MemberListState } from './member-list-state.ts';

/** A `message` input while running: merges the claims it carries, corrects its sender if needed, then handles it. */
export function receive(s: MemberListState, from: NodeId, m: WireMessage): void {
  introduceIfUnknown(s, from, m);
  const updates = 'updates' in m ? m.updates : m.type === 'sync-reply' ? asSuspicions(m.state, from) : [];
  const corrections = s.known.receive(updates);
  // The sender gossiped accusations we know to be refuted: tell it directly (its copies of the refutation were lost).
  if (corrections.length > 0) s.out.push({ type: 'send', to: from, message: { type: 'gossip', updates: corrections } });
  switch (m.type) {
    case 'ping': return s.prober.onPing(from, m.seq, m.target);
    case 'ack': return s.prober.onAck(m.seq);
    case 'ping-req': return s.prober.onPingReq(from, m.seq, m.target);
    case 'nack': return s.prober.onNack(m.seq);
    case 'gossip': return;
    case 'sync': return answerSync(s, from, m.state);
    case 'sync-reply': return markJoined(s);
    default: {
      const never: never = m;
      throw new Error(`unknown wire message ${JSON.stringify(never)}`);
    }
  }
}
