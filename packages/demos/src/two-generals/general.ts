import { defineActor, type Address } from '@faultline/core';
import { attacks, messengers, type Role } from './protocol.ts';

/** Props of one general: its role, the protocol's k, and the other general's address. */
export interface GeneralProps {
  readonly role: Role;
  readonly k: number;
  readonly peer: Address;
  /** Where the general keeps the messengers it received (default: its own set); lets a search observe it. */
  readonly received?: Set<number>;
}

/** Messages: the driver's `order` (to A) and `decide` (at dawn); messengers between the generals. */
export type GeneralMessage =
  | { readonly type: 'order' }
  | { readonly type: 'messenger'; readonly n: number }
  | { readonly type: 'decide' };

/** A general of the Two Generals' problem running "attack after k acknowledgements". */
export const General = defineActor<GeneralMessage, GeneralProps>({
  kind: 'demo.two-generals.general',
  setup(ctx, props) {
    const received = props.received ?? new Set<number>();
    return {
      receive(message) {
        switch (message.type) {
          case 'order':
            ctx.send(props.peer, { type: 'messenger', n: 1 });
            return undefined;
          case 'messenger':
            received.add(message.n);
            if (message.n < messengers(props.k)) ctx.send(props.peer, { type: 'messenger', n: message.n + 1 });
            return undefined;
          case 'decide':
            return { attack: attacks(props.role, props.k, received), received: [...received] };
          default: {
            const never: never = message;
            return never;
          }
        }
      },
    };
  },
});
