/**
 * A paused process, modelled: while paused, every delivery and timer callback is held, and on
 * resume they run in the order they arrived. The node's clock keeps running meanwhile, so a
 * resumed node finds its timers overdue — as after a long GC pause or SIGSTOP.
 */
export class PauseGate {
  private paused = false;
  private held: Array<() => void> = [];

  get isPaused(): boolean {
    return this.paused;
  }

  /** Runs `fn` now, or holds it until `resume` while paused. */
  pass(fn: () => void): void {
    if (this.paused) this.held.push(fn);
    else fn();
  }

  pause(): void {
    this.paused = true;
  }

  /** Releases what was held, in arrival order; stops releasing if paused again or when `open()` turns false. */
  resume(open: () => boolean): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const run of held) {
      if (this.paused || !open()) this.held.push(run);
      else run();
    }
  }
}
