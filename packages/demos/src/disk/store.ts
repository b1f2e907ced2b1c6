import { defineActor } from '@faultline/core';

/**
 * When a write is acknowledged relative to when it reaches the disk: `ack-then-sync` answers at once
 * and fsyncs every `syncEveryMs` (as NATS JetStream's `sync_interval` does: Jepsen's NATS 2.12.1
 * analysis found acknowledged writes lost on crash); `sync-then-ack` fsyncs before answering.
 */
export type AckPolicy = 'ack-then-sync' | 'sync-then-ack';

/** Props of the store. */
export interface StoreProps {
  readonly policy: AckPolicy;
  readonly syncEveryMs: number;
}

/** Messages the store answers. */
export type StoreMessage = { readonly type: 'put'; readonly key: string } | { readonly type: 'read' };

/** A key set on a node's storage under the chosen acknowledgement policy. */
export const AckStore = defineActor<StoreMessage, StoreProps>({
  kind: 'demo.ack-store',
  setup(ctx, props) {
    const tick = (): void => {
      void ctx.storage.sync();
      ctx.setTimer(props.syncEveryMs, tick);
    };
    if (props.policy === 'ack-then-sync') ctx.setTimer(props.syncEveryMs, tick);
    return {
      async receive(message) {
        if (message.type === 'read') return ctx.storage.keys('k:').map((k) => k.slice(2));
        ctx.storage.set(`k:${message.key}`, true);
        if (props.policy === 'sync-then-ack') await ctx.storage.sync();
        return 'ok';
      },
    };
  },
});
