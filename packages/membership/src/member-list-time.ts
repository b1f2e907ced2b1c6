import type { Deadline } from './deadlines.ts';
import { gossipRound, pushPullRound, reconnectRound } from './member-list-dissemination.ts';
import { sendJoin } from './member-list-lifecycle.ts';
import { resolveSplitBrain } from './member-list-split-brain.ts';
import { log, type MemberListState } from './member-list-state.ts';

/** The `tick` input: runs every deadline due by now, earliest first. */
export function tick(s: MemberListState): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const due = s.deadlines.popDue(s.clock);
    if (!due) return;
    runDeadline(s, due.deadline, due.at);
  }
  log(s, 'tick stopped after 10000 deadlines: a deadline keeps rescheduling itself in the past');
}

/** Runs one deadline that was due at `at`. */
function runDeadline(s: MemberListState, d: Deadline, at: number): void {
  switch (d.kind) {
    case 'probe': return s.prober.onPeriod(at);
    case 'probe-timeout': return s.prober.onProbeTimeout();
    case 'relay': return s.prober.onRelayTimeout(d.seq);
    case 'suspicion': return s.known.expire(d.node, at);
    case 'gossip': return gossipRound(s);
    case 'push-pull': return pushPullRound(s);
    case 'reconnect': return reconnectRound(s);
    case 'join-retry':
      if (!s.joined) sendJoin(s);
      return;
    case 'split-brain': return resolveSplitBrain(s);
    default: {
      const never: never = d;
      throw new Error(`unknown deadline ${JSON.stringify(never)}`);
    }
  }
}
