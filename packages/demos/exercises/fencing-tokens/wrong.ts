// A planted wrong solution of fencing-tokens: it fences each client against its own earlier
// tokens only. A client's tokens do grow, so this refuses nothing that matters: the stale write
// comes from one client after a newer token of another.
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
    const highestOf = new Map<string, number>();
    return {
      receive(message) {
        if (message.type === 'read') return accepted;
        if (message.token < (highestOf.get(message.client) ?? 0)) throw new Rejection('stale-token', `token ${message.token} is old for ${message.client}`);
        highestOf.set(message.client, message.token);
        accepted.push({ token: message.token, client: message.client, value: message.value });
        return 'ok';
      },
    };
  },
});
