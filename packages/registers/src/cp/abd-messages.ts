import type { RegisterValue } from '../protocol.ts';
import type { Tag } from './tag.ts';

/** Replica-to-replica messages of ABD. Both are idempotent, so coordinators may re-send them. */
export type AbdPeerMessage =
  /** Phase 1: "what is your tag and value for this key?" */
  | { readonly type: 'abd-get'; readonly key: string }
  /** Phase 2: "store this value if its tag is newer than yours." */
  | { readonly type: 'abd-set'; readonly key: string; readonly tag: Tag; readonly value: RegisterValue };

/** A replica's answer to `abd-get`. */
export interface AbdState {
  readonly tag: Tag;
  readonly value: RegisterValue;
}
