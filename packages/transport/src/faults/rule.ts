import { ConfigError } from '@faultline/core';
import { compileSelector, describeSelector, validateSelector, type LinkMatcher, type LinkSelector } from './selector.ts';
import { describeFault, validateLinkFault, type LinkFault } from './link-fault.ts';
import type { NodeSet } from './nodes.ts';

/** One fault over a set of directed links, as serializable data. Rules are checked in list order. */
export interface LinkRule {
  /** Assigned by the network at install (`r1`, `r2`, …); unique within a network. */
  readonly id: string;
  readonly target: LinkSelector;
  readonly fault: LinkFault;
  /** Free text for logs (e.g. which nemesis step installed it). */
  readonly label?: string;
}

/** What a caller gives to install a rule: a rule without its id. */
export interface LinkRuleSpec {
  readonly target: LinkSelector;
  readonly fault: LinkFault;
  readonly label?: string;
}

/** A validated rule with its selector compiled. */
export interface CompiledRule {
  readonly rule: LinkRule;
  readonly matches: LinkMatcher;
}

/** Validates a rule (spec or full rule) and compiles its selector; errors name the field. */
export function compileRule(rule: LinkRule, nodes: NodeSet, prefix = ''): CompiledRule {
  if (typeof rule !== 'object' || rule === null) throw new ConfigError(prefix || 'rule', rule, 'must be a rule object');
  if (typeof rule.id !== 'string' || rule.id.length === 0) throw new ConfigError(`${prefix}id`, rule.id, 'must be a non-empty string');
  if (rule.label !== undefined && typeof rule.label !== 'string') throw new ConfigError(`${prefix}label`, rule.label, 'must be a string');
  validateSelector(rule.target, nodes, `${prefix}target`);
  validateLinkFault(rule.fault, prefix);
  return { rule, matches: compileSelector(rule.target) };
}

/** Renders a rule for logs: `r3: drop 30% on n1->n2`. */
export function describeRule(rule: LinkRule): string {
  const label = rule.label ? ` [${rule.label}]` : '';
  return `${rule.id}: ${describeFault(rule.fault)} on ${describeSelector(rule.target)}${label}`;
}
