import type { KvCommand, KvValue } from './kv-protocol.ts';

/** What applying a command gave: a value read, a write done, or a cas that found another value. */
export type KvResult =
  | { readonly ok: true; readonly value: KvValue }
  | { readonly ok: false; readonly current: KvValue };

/** The replicated state machine: a register per key with read, write and compare-and-set (Knossos' `cas-register`). */
export class KvMachine {
  private readonly data = new Map<string, KvValue>();

  /** The whole state, as plain data (a Raft snapshot's `data`). */
  snapshot(): [string, KvValue][] {
    return [...this.data];
  }

  /** Replaces the state with a snapshot's; the data came over the network or from storage, so anything not of a snapshot's shape is refused (returns false, state untouched). */
  restore(data: unknown): boolean {
    if (!Array.isArray(data)) return false;
    const isValue = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'string';
    if (!data.every((p: unknown) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && isValue(p[1]))) return false;
    this.data.clear();
    for (const [k, v] of data as [string, KvValue][]) this.data.set(k, v);
    return true;
  }

  get(key: string): KvValue {
    return this.data.get(key) ?? null;
  }

  /** Applies one committed command; deterministic, so every node reaches the same state. */
  apply(command: KvCommand): KvResult {
    switch (command.op) {
      case 'read':
        return { ok: true, value: this.get(command.key) };
      case 'write':
        this.data.set(command.key, command.value);
        return { ok: true, value: command.value };
      case 'cas': {
        const current = this.get(command.key);
        if (current !== command.from) return { ok: false, current };
        this.data.set(command.key, command.to);
        return { ok: true, value: command.to };
      }
      default: {
        const never: never = command;
        throw new Error(`unknown kv command ${JSON.stringify(never)}`);
      }
    }
  }
}
