// Reference solution of fencing-tokens: the storage remembers the highest token it has accepted
// and refuses any write with a lower one. The lock service's tokens only grow, so once a newer
// holder has written, an older holder's late write is refused, whatever the clocks and pauses did.
import { defineActor, Rejection } from '@faultline/core';

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
    let highest = 0;
    return {
      receive(message) {
        if (message.type === 'read') return accepted;
        if (message.token < highest) throw new Rejection('stale-token', `token ${message.token} < ${highest}`);
        highest = message.token;
        accepted.push({ token: message.token, client: message.client, value: message.value });
        return 'ok';
      },
    };
  },
});
