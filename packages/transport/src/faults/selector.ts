import { ConfigError } from '@faultline/core';
import { DRIVER, groupNames, type NodeGroup, type NodeSet } from './nodes.ts';

/**
 * Which directed links a rule applies to. Links to or from the driver match only when a
 * selector names the driver or sets `includeDriver`.
 */
export type LinkSelector =
  /** One directed link. */
  | { readonly kind: 'link'; readonly from: string; readonly to: string }
  /** Every link into a node. */
  | { readonly kind: 'inbound'; readonly node: string; readonly includeDriver?: boolean }
  /** Every link out of a node. */
  | { readonly kind: 'outbound'; readonly node: string; readonly includeDriver?: boolean }
  /** Every link between two different members of a group. */
  | { readonly kind: 'among'; readonly nodes: readonly string[] }
  /** Every link from a node of `from` to a node of `to` (and back, when `bidirectional`); each a name or a list. */
  | { readonly kind: 'between'; readonly from: NodeGroup; readonly to: NodeGroup; readonly bidirectional?: boolean }
  /** Every link of the cluster. */
  | { readonly kind: 'all'; readonly includeDriver?: boolean };

/** A selector compiled to a fast membership test. */
export type LinkMatcher = (from: string, to: string) => boolean;

/** Shorthands for building selectors. */
export const select = {
  link: (from: string, to: string): LinkSelector => ({ kind: 'link', from, to }),
  inbound: (node: string): LinkSelector => ({ kind: 'inbound', node }),
  outbound: (node: string): LinkSelector => ({ kind: 'outbound', node }),
  among: (nodes: readonly string[]): LinkSelector => ({ kind: 'among', nodes }),
  between: (from: NodeGroup, to: NodeGroup, bidirectional = false): LinkSelector =>
    ({ kind: 'between', from, to, bidirectional }),
  all: (includeDriver = false): LinkSelector => ({ kind: 'all', includeDriver }),
} as const;

const KINDS = ['link', 'inbound', 'outbound', 'among', 'between', 'all'] as const;

/** Checks a selector against the known nodes; throws ConfigError naming the field. */
export function validateSelector(s: LinkSelector, nodes: NodeSet, field = 'target'): LinkSelector {
  if (typeof s !== 'object' || s === null) throw new ConfigError(field, s, 'must be a link selector object');
  switch (s.kind) {
    case 'link':
      nodes.node(`${field}.from`, s.from);
      nodes.node(`${field}.to`, s.to);
      if (s.from === s.to) throw new ConfigError(`${field}.to`, s.to, 'must differ from from (a node does not send to itself over the network)');
      break;
    case 'inbound':
    case 'outbound':
      nodes.node(`${field}.node`, s.node);
      break;
    case 'among':
      nodes.group(`${field}.nodes`, s.nodes);
      if (s.nodes.length < 2) throw new ConfigError(`${field}.nodes`, s.nodes, 'must name at least two nodes (links run between two)');
      break;
    case 'between':
      nodes.group(`${field}.from`, s.from);
      nodes.group(`${field}.to`, s.to);
      break;
    case 'all':
      break;
    default:
      throw new ConfigError(`${field}.kind`, (s as { kind: unknown }).kind, `must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  return s;
}

/** Compiles a (validated) selector into a matcher. */
export function compileSelector(s: LinkSelector): LinkMatcher {
  switch (s.kind) {
    case 'link':
      return (from, to) => from === s.from && to === s.to;
    case 'inbound': {
      const driverOk = s.includeDriver === true || s.node === DRIVER;
      return (from, to) => to === s.node && (driverOk || from !== DRIVER);
    }
    case 'outbound': {
      const driverOk = s.includeDriver === true || s.node === DRIVER;
      return (from, to) => from === s.node && (driverOk || to !== DRIVER);
    }
    case 'among': {
      const set = new Set<string>(s.nodes);
      return (from, to) => set.has(from) && set.has(to);
    }
    case 'between': {
      const a = new Set<string>(groupNames(s.from));
      const b = new Set<string>(groupNames(s.to));
      if (s.bidirectional === true) return (from, to) => (a.has(from) && b.has(to)) || (b.has(from) && a.has(to));
      return (from, to) => a.has(from) && b.has(to);
    }
    case 'all':
      if (s.includeDriver === true) return () => true;
      return (from, to) => from !== DRIVER && to !== DRIVER;
    default: {
      const never: never = s;
      throw new Error(`unhandled selector ${String(never)}`);
    }
  }
}

/** Renders a selector for logs: `n1->n2`, `*->n3`, `{n1,n2}<->{n3}`. */
export function describeSelector(s: LinkSelector): string {
  switch (s.kind) {
    case 'link': return `${s.from}->${s.to}`;
    case 'inbound': return `*->${s.node}`;
    case 'outbound': return `${s.node}->*`;
    case 'among': return `among {${s.nodes.join(',')}}`;
    case 'between': return `{${groupNames(s.from).join(',')}}${s.bidirectional === true ? '<->' : '->'}{${groupNames(s.to).join(',')}}`;
    case 'all': return s.includeDriver === true ? 'all links (with driver)' : 'all links';
  }
}
