import type { Json } from '../protocol/message.ts';

/** States of the store a read may be served from: Maelstrom's seq-kv keeps 32 (service.clj `sequential`). */
export const STATE_WINDOW = 32;

interface Version {
  /** Index of the state this value first appears in. */
  readonly state: number;
  readonly value: Json;
}

/**
 * The last {@link STATE_WINDOW} states of a key-value store, numbered 0, 1, 2…, as per-key version
 * lists rather than whole copies: appending a state costs O(1) amortized and reading a key in any
 * kept state O(window), whatever the number of keys. (The old harness copied the whole map per
 * write: 8,000 writes to new keys froze it for 15 s, issue 19 item 8.)
 */
export class VersionedKv {
  /** Index of the newest state. State 0 is the empty store. */
  lastIndex = 0;
  private readonly versions = new Map<string, Version[]>();

  /** The value of `key` in state `index` (undefined: absent). `index` must be within the window. */
  get(key: string, index: number): Json | undefined {
    const list = this.versions.get(key);
    if (list === undefined) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i]!;
      if (v.state <= index) return v.value;
    }
    return undefined;
  }

  /** Appends a new newest state: the previous one with `key` set to `value` (or unchanged, without a key). */
  append(key?: string, value?: Json): void {
    this.lastIndex++;
    if (key === undefined) return;
    let list = this.versions.get(key);
    if (list === undefined) this.versions.set(key, (list = []));
    list.push({ state: this.lastIndex, value: value ?? null });
    if (list.length > 2 * STATE_WINDOW) this.prune(list);
  }

  /** The oldest state still kept. */
  get oldestIndex(): number {
    return Math.max(0, this.lastIndex - STATE_WINDOW + 1);
  }

  /**
   * The kept state Maelstrom serves for `index`: its ring buffer wraps an index older than the
   * window back into it (`nth` modulo the buffer's length), so this does the same.
   */
  wrap(index: number): number {
    const kept = this.lastIndex - this.oldestIndex + 1;
    return this.lastIndex - ((this.lastIndex - index) % kept);
  }

  /** Drops versions no kept state can see: all but the newest one at or before the oldest kept state. */
  private prune(list: Version[]): void {
    const oldest = this.oldestIndex;
    let firstVisible = 0;
    for (let i = 0; i < list.length; i++) if (list[i]!.state <= oldest) firstVisible = i;
    list.splice(0, firstVisible);
  }

  /** Versions held for `key` (bounded by 2 × window + 1): for tests of the cost bound. */
  versionCount(key: string): number {
    return this.versions.get(key)?.length ?? 0;
  }
}
