/** Deliveries a paused node holds before it drops newer ones (default of `NodeEnvironment.maxHeld`). */
export const DEFAULT_MAX_HELD = 100_000;

/**
 * A paused process, modelled: while paused, every delivery and timer callback is held, and on
 * resume they run in the order they arrived. The node's clock keeps running meanwhile, so a
 * resumed node finds its timers overdue — as after a long GC pause or SIGSTOP.
 *
 * Bounded, as a real host's socket buffers are: at most `maxHeld` deliveries are held; later ones
 * are dropped (tail drop) and counted, and `onOverflow` is told once per overflow (again only after
 * the hold has drained below half). Timers are always held: they belong to the node, not the network.
 */
export class PauseGate {
  private paused = false;
  private held: Array<() => void> = [];
  private heldDeliveries = 0;
  private overflowing = false;
  /** Deliveries dropped because the hold was full. */
  dropped = 0;
  private readonly maxHeld: number;
  private readonly onOverflow: (dropped: number) => void;

  constructor(maxHeld = DEFAULT_MAX_HELD, onOverflow: (dropped: number) => void = () => {}) {
    this.maxHeld = maxHeld;
    this.onOverflow = onOverflow;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Deliveries held now. */
  get heldCount(): number {
    return this.heldDeliveries;
  }

  /** Runs `fn` now, or holds it until `resume` while paused; false when a delivery was dropped instead (see the class). */
  pass(fn: () => void, delivery = false): boolean {
    if (!this.paused) {
      fn();
      return true;
    }
    if (delivery) {
      if (this.heldDeliveries >= this.maxHeld) {
        this.dropped++;
        if (!this.overflowing) {
          this.overflowing = true;
          this.onOverflow(this.dropped);
        }
        return false;
      }
      this.heldDeliveries++;
      this.held.push(() => {
        this.heldDeliveries--;
        if (this.heldDeliveries < this.maxHeld / 2) this.overflowing = false;
        fn();
      });
      return true;
    }
    this.held.push(fn);
    return true;
  }

  pause(): void {
    this.paused = true;
  }

  /** Releases what was held, in arrival order; stops releasing if paused again or when `open()` turns false. */
  resume(open: () => boolean): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (let i = 0; i < held.length; i++) {
      if (this.paused || !open()) {
        this.held.push(...held.slice(i));
        return;
      }
      (held[i] as () => void)();
    }
  }
}
