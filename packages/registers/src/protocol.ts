/** A client's request to any register replica (CP or AP): the same protocol for both. */
export type RegisterRequest =
  | { readonly type: 'read'; readonly key: string }
  | { readonly type: 'write'; readonly key: string; readonly value: RegisterValue };

/** The value a register holds: null until first written. */
export type RegisterValue = string | number | null;

/** A successful read: the value, or several concurrent values (AP siblings) for the reader to resolve. */
export interface ReadReply {
  readonly value: RegisterValue;
  /** Present only when the AP register keeps siblings and more than one survives. */
  readonly siblings?: readonly RegisterValue[];
}

/** A successful write. */
export interface WriteReply {
  readonly written: true;
}

/** The actor name every register replica runs under, on every node. */
export const REGISTER_ACTOR = 'register';
