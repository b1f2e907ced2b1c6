import type { LinkRule } from '../faults/rule.ts';
import type { DirectedLink } from '../faults/nodes.ts';
import type { NetworkUpdate } from '../faults/update.ts';

/** Events a fault network emits when its rules or partitions change. */
export interface NetworkEvents {
  /** A rule was installed; `index` is its place in the checking order. */
  'rule-added': (event: { readonly rule: LinkRule; readonly index: number }) => void;
  /** A rule was removed (by its handle, by id, or by a replace). */
  'rule-removed': (event: { readonly rule: LinkRule }) => void;
  /** The set of blocked links changed; `blocked` is the whole new set. */
  'partition-changed': (event: {
    readonly blocked: readonly DirectedLink[];
    readonly added: readonly DirectedLink[];
    readonly removed: readonly DirectedLink[];
  }) => void;
  /** Links were unblocked; `all` when no blocked link is left. */
  healed: (event: { readonly links: readonly DirectedLink[]; readonly all: boolean }) => void;
  /** Any change, as the update that made it: forward these in order to mirror this network elsewhere. */
  update: (event: { readonly update: NetworkUpdate; readonly version: number }) => void;
}
