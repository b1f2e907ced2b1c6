import { ConfigError, requireOneOf } from '@faultline/core';
import type { LinkRule } from './rule.ts';
import type { DirectedLink, NodeSet } from './nodes.ts';

/**
 * One change to a network's fault state, as serializable data. Every change a `FaultNetwork`
 * makes goes through `apply(update)` and is announced on its `update` event, so a controller can
 * forward the same updates, in order, to a mirror network in each worker.
 */
export type NetworkUpdate =
  /** Installs a rule (with its id) at the front or the back of the list (default back). */
  | { readonly kind: 'add-rule'; readonly rule: LinkRule; readonly position?: RulePosition }
  /** Removes the rule with this id; no effect when there is none. */
  | { readonly kind: 'remove-rule'; readonly id: string }
  /** Blocks these directed links (partition state). */
  | { readonly kind: 'block'; readonly links: readonly DirectedLink[] }
  /** Unblocks these directed links. */
  | { readonly kind: 'unblock'; readonly links: readonly DirectedLink[] }
  /** Unblocks every link. */
  | { readonly kind: 'unblock-all' }
  /** Replaces the whole state (e.g. to start a mirror from a snapshot). */
  | { readonly kind: 'replace'; readonly rules: readonly LinkRule[]; readonly blocked: readonly DirectedLink[] };

/** Where a new rule goes in the ordered list. */
export type RulePosition = 'first' | 'last';

/** The whole fault state of a network, as data. */
export interface NetworkSnapshot {
  /** How many updates this network has applied. */
  readonly version: number;
  /** The rules, in the order they are checked. */
  readonly rules: readonly LinkRule[];
  /** Blocked directed links (partitions), sorted by `from` then `to`. */
  readonly blocked: readonly DirectedLink[];
}

export const UPDATE_KINDS = ['add-rule', 'remove-rule', 'block', 'unblock', 'unblock-all', 'replace'] as const;

/** Checks a list of links; throws ConfigError naming the field. Returns them branded. */
export function validateLinks(field: string, links: unknown, nodes: NodeSet): DirectedLink[] {
  if (!Array.isArray(links)) throw new ConfigError(field, links, 'must be a list of {from, to} links');
  return links.map((l: unknown, i) => {
    if (typeof l !== 'object' || l === null) throw new ConfigError(`${field}[${i}]`, l, 'must be a {from, to} link');
    const { from, to } = l as { from: unknown; to: unknown };
    const link = { from: nodes.node(`${field}[${i}].from`, from), to: nodes.node(`${field}[${i}].to`, to) };
    if (link.from === link.to) throw new ConfigError(`${field}[${i}].to`, to, 'must differ from from');
    return link;
  });
}

/** Checks an update's shape (not its rules; the state does that). */
export function validateUpdateKind(update: NetworkUpdate): void {
  if (typeof update !== 'object' || update === null) throw new ConfigError('update', update, 'must be an update object');
  requireOneOf('update.kind', update.kind, UPDATE_KINDS);
  if (update.kind === 'add-rule' && update.position !== undefined) {
    requireOneOf('update.position', update.position, ['first', 'last'] as const);
  }
}
