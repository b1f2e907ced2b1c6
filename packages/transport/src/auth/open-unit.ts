import type { FrameRejectReason } from '@faultline/core';
import { unseal, type FrameAuth } from './frame-auth.ts';

/** What a receiver makes of a unit (frame or batch) off a link: its body to decode, or a refusal. */
export type Received =
  | { readonly ok: true; readonly body: Uint8Array; readonly from: string | undefined }
  | { readonly ok: false; readonly reason: FrameRejectReason; readonly from: string | undefined; readonly detail: string };

/**
 * The receiving side of frame auth, for every runtime. With auth on, only a sealed unit from a
 * member with the right tag passes, and `from` is the authenticated sender. With auth off, any
 * unit passes: a sealed one is unwrapped unchecked (`from` is then only a claim, and undefined is
 * returned), a plain one as it is.
 */
export function receiveUnit(auth: FrameAuth | undefined, bytes: Uint8Array, to: string): Received {
  if (auth !== undefined) return auth.open(bytes, to);
  const parsed = unseal(bytes);
  return parsed.ok ? { ok: true, body: parsed.body, from: undefined } : { ok: true, body: bytes, from: undefined };
}
