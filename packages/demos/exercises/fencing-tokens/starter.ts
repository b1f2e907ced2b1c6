// Exercise fencing-tokens (docs/10-partial-failure.md). Copy this file, edit it, and check it:
//   pnpm faultline exercise fencing-tokens --check YOUR-FILE.ts
// Today the storage accepts every write. A client paused past its lease wakes up and writes,
// though another client holds the lock by then.
import { defineActor } from '@faultline/core';

interface Write {
  readonly token: number;
  readonly client: string;
  readonly value: string;
}

type StorageMessage = ({ readonly type: 'write' } & Write) | { readonly type: 'read' };

export const Storage = defineActor<StorageMessage>({
  kind: 'exercise.storage',
  setup() {
    const accepted: Write[] = [];
    return {
      receive(message) {
        if (message.type === 'read') return accepted;
        // TODO: the token says which lease the writer held. Refuse (throw new Rejection(...)) a stale one.
        accepted.push({ token: message.token, client: message.client, value: message.value });
        return 'ok';
      },
    };
  },
});
