import { ConfigError } from '@faultline/core';
import { compileRule, type CompiledRule, type LinkRule } from './rule.ts';
import { linkKey, type DirectedLink, type NodeSet } from './nodes.ts';
import { validateLinks, validateUpdateKind, type NetworkSnapshot, type NetworkUpdate } from './update.ts';

/** What one update changed. */
export interface StateChange {
  readonly added: readonly LinkRule[];
  readonly removed: readonly LinkRule[];
  readonly blocked: readonly DirectedLink[];
  readonly unblocked: readonly DirectedLink[];
}

/** The ordered rules and blocked links of a network; changes only through `apply`, all-or-nothing. */
export class NetworkState {
  rules: readonly CompiledRule[] = [];
  readonly blocked = new Map<string, DirectedLink>();
  version = 0;
  private readonly nodes: NodeSet;

  constructor(nodes: NodeSet) {
    this.nodes = nodes;
  }

  has(id: string): boolean {
    return this.rules.some((r) => r.rule.id === id);
  }

  /** Validates the whole update first, then applies it; returns what changed. */
  apply(update: NetworkUpdate): StateChange {
    validateUpdateKind(update);
    let change: StateChange;
    switch (update.kind) {
      case 'add-rule': {
        const compiled = compileRule(update.rule, this.nodes);
        if (this.has(update.rule.id)) throw new ConfigError('rule.id', update.rule.id, 'must be unique; a rule with this id is installed');
        this.rules = update.position === 'first' ? [compiled, ...this.rules] : [...this.rules, compiled];
        change = { added: [compiled.rule], removed: [], blocked: [], unblocked: [] };
        break;
      }
      case 'remove-rule': {
        const gone = this.rules.filter((r) => r.rule.id === update.id).map((r) => r.rule);
        this.rules = this.rules.filter((r) => r.rule.id !== update.id);
        change = { added: [], removed: gone, blocked: [], unblocked: [] };
        break;
      }
      case 'block':
        change = { added: [], removed: [], blocked: this.block(validateLinks('links', update.links, this.nodes)), unblocked: [] };
        break;
      case 'unblock':
        change = { added: [], removed: [], blocked: [], unblocked: this.unblock(validateLinks('links', update.links, this.nodes)) };
        break;
      case 'unblock-all':
        change = { added: [], removed: [], blocked: [], unblocked: this.unblock([...this.blocked.values()]) };
        break;
      case 'replace':
        change = this.replace(update.rules, update.blocked);
        break;
      default: {
        const never: never = update;
        throw new Error(`unhandled update ${String(never)}`);
      }
    }
    this.version++;
    return change;
  }

  snapshot(): NetworkSnapshot {
    const blocked = [...this.blocked.values()].sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
    return { version: this.version, rules: this.rules.map((r) => r.rule), blocked };
  }

  private replace(rules: readonly LinkRule[], blocked: readonly DirectedLink[]): StateChange {
    if (!Array.isArray(rules)) throw new ConfigError('rules', rules, 'must be a list of rules');
    const compiled = rules.map((r, i) => compileRule(r, this.nodes, `rules[${i}].`));
    const ids = new Set<string>();
    for (const [i, r] of rules.entries()) {
      if (ids.has(r.id)) throw new ConfigError(`rules[${i}].id`, r.id, 'must be unique');
      ids.add(r.id);
    }
    const links = validateLinks('blocked', blocked, this.nodes);
    const before = new Map(this.rules.map((r) => [r.rule.id, r.rule]));
    const same = (r: LinkRule) => {
      const old = before.get(r.id);
      return old !== undefined && (old === r || JSON.stringify(old) === JSON.stringify(r));
    };
    const kept = new Set(rules.filter(same).map((r) => r.id));
    const removed = [...before.values()].filter((r) => !kept.has(r.id));
    const added = rules.filter((r) => !kept.has(r.id));
    this.rules = compiled;
    const keep = new Set(links.map((l) => linkKey(l.from, l.to)));
    const unblocked = this.unblock([...this.blocked.values()].filter((l) => !keep.has(linkKey(l.from, l.to))));
    return { added, removed, blocked: this.block(links), unblocked };
  }

  private block(links: readonly DirectedLink[]): DirectedLink[] {
    const out: DirectedLink[] = [];
    for (const l of links) {
      const key = linkKey(l.from, l.to);
      if (this.blocked.has(key)) continue;
      this.blocked.set(key, l);
      out.push(l);
    }
    return out;
  }

  private unblock(links: readonly DirectedLink[]): DirectedLink[] {
    const out: DirectedLink[] = [];
    for (const l of links) if (this.blocked.delete(linkKey(l.from, l.to))) out.push(l);
    return out;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
