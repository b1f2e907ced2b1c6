import type { ActorContext, TimerId } from '../actor/context.ts';

/**
 * Keeps one timer on a state machine's earliest deadline (the shape of `MemberList` and
 * `RaftNode`: `step(input, now)` plus `nextDeadline()`). Call the returned `arm(next)` after every
 * step: it leaves a timer already set for `next` alone, otherwise cancels it and sets one for
 * `next` (none when `next` is undefined or infinite). A superseded timer that fires anyway (it was
 * already queued when cancelled) is ignored; the current one calls `onDue`.
 */
export function deadlineTimer(ctx: Pick<ActorContext, 'setTimer' | 'cancelTimer'>, now: () => number, onDue: () => void): (next: number | undefined) => void {
  let timer: { id: TimerId; at: number } | undefined;
  let generation = 0;
  return (next) => {
    if (timer && timer.at === next) return;
    if (timer) ctx.cancelTimer(timer.id);
    timer = undefined;
    if (next === undefined || !Number.isFinite(next)) return;
    const mine = ++generation;
    timer = {
      id: ctx.setTimer(Math.max(0, next - now()), () => {
        if (mine !== generation) return;
        timer = undefined;
        onDue();
      }),
      at: next,
    };
  };
}
