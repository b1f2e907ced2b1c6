/** Dead entries a HeadQueue keeps before it slices them off (once they are also over half its array). */
export const HEAD_QUEUE_COMPACT_AFTER = 1024;

/**
 * A FIFO over one array and a head index: `shift` is O(1) (it advances the head and clears the
 * slot, so nothing taken stays reachable) and the dead prefix is bounded — the array is dropped
 * when the queue empties and sliced once the prefix passes HEAD_QUEUE_COMPACT_AFTER entries and
 * half the array, so memory stays within about twice what is queued (plus 1,024 slots). `push`
 * never refuses; `offer` refuses an entry past `capacity`.
 */
export class HeadQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  /** Entries `offer` lets it hold at most. */
  readonly capacity: number;

  constructor(capacity = Infinity) {
    this.capacity = capacity;
  }

  /** Entries queued. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Appends `item`, whatever the capacity. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Appends `item`; false (nothing queued) when the queue holds `capacity` entries already. */
  offer(item: T): boolean {
    if (this.items.length - this.head >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** The oldest entry, left in place; undefined when empty. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** The newest entry; undefined when empty. */
  last(): T | undefined {
    return this.head < this.items.length ? this.items[this.items.length - 1] : undefined;
  }

  /** Takes the oldest entry off; undefined when empty. */
  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > HEAD_QUEUE_COMPACT_AFTER && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Empties the queue; returns how many entries it held. */
  clear(): number {
    const n = this.length;
    this.items = [];
    this.head = 0;
    return n;
  }

  /** Slots of the backing array, dead prefix included (for tests of the bound). */
  get slots(): number {
    return this.items.length;
  }
}
