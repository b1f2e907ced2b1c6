import { defineActor } from '@faultline/core';

/** A TypeScript actor module, so the start-up bench can measure nodes that must load tsx. */
export const StartProbe = defineActor<'ping', void>({
  kind: 'bench.start-probe',
  setup: () => ({ receive: () => 'pong' }),
});
