import type { Rng } from '@faultline/core';
import type { LinkLayer, Packet } from '@faultline/transport';

/** Byte offsets in a frame (see transport/src/wire/codec.ts): kind|flags byte and the HLC `l` (f64 LE). */
export const FRAME_FLAGS_AT = 1;
export const FRAME_HLC_L_AT = 26;

/**
 * A 1 ms network that hands each frame to `tamper`, which may return altered bytes (delivered in
 * place of the frame, as a corrupting link would) or undefined (delivered unchanged).
 */
export function tamperingNetwork(tamper: (bytes: Uint8Array, packet: Packet) => Uint8Array | undefined): (rng: Rng) => LinkLayer {
  return () => ({
    route(packet) {
      const altered = tamper(packet.bytes, packet);
      return { deliveries: [altered === undefined ? { delayMs: 1 } : { delayMs: 1, bytes: altered }] };
    },
  });
}

/** The kind of a frame: 0 tell, 1 ask, 2 reply, 3 fail. */
export function frameKind(bytes: Uint8Array): number {
  return (bytes[FRAME_FLAGS_AT] as number) & 0x0f;
}
