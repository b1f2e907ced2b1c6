/** Why the network lost a frame. */
export type DropReason = 'partition' | 'drop' | 'block' | 'queue-full';

/** What one rule decided for one frame. The first rule whose verdict is not `pass` decides. */
export type Verdict =
  /** Not this rule's business: ask the next rule. */
  | { readonly kind: 'pass' }
  /** Lose the frame. */
  | { readonly kind: 'drop'; readonly reason: DropReason }
  /** Deliver later by `extraMs`, keeping the link's order. */
  | { readonly kind: 'delay'; readonly extraMs: number }
  /** Deliver later by `extraMs`, letting later frames on the link overtake it. */
  | { readonly kind: 'reorder'; readonly extraMs: number }
  /** Deliver the frame and `copies` extra copies. */
  | { readonly kind: 'duplicate'; readonly copies: number }
  /** Deliver these altered bytes instead. */
  | { readonly kind: 'corrupt'; readonly bytes: Uint8Array }
  /** Deliver after the link's queue has sent it: `extraMs` in all, `waitedMs` of it behind earlier frames. */
  | { readonly kind: 'throttle'; readonly extraMs: number; readonly waitedMs: number };

/** The shared `pass` verdict. */
export const PASS: Verdict = { kind: 'pass' };
