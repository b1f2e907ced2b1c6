import { createRng, type BuggifySource, type Rng } from '@faultline/core';

/**
 * FoundationDB's BUGGIFY, seeded (flow/flow.h: a site is activated once per run with
 * P_BUGGIFIED_SECTION_ACTIVATED = 0.25, then fires with P_BUGGIFIED_SECTION_FIRES = 0.25).
 * Whether a site is on, and its stream of firings, depend only on the run's seed and the label.
 */
export class SeededBuggify implements BuggifySource {
  /** Sites reached in this run: on or off, and how often they fired. */
  readonly sites = new Map<string, { on: boolean; fired: number }>();
  private readonly root: Rng;
  private readonly streams = new Map<string, Rng>();

  private readonly activate: number;
  private readonly fires: number;

  constructor(seed: number, activate = 0.25, fires = 0.25) {
    this.activate = activate;
    this.fires = fires;
    this.root = createRng(seed).derive('buggify');
  }

  fire(label: string): boolean {
    let site = this.sites.get(label);
    if (site === undefined) {
      site = { on: this.root.derive(`on:${label}`).chance(this.activate), fired: 0 };
      this.sites.set(label, site);
      this.streams.set(label, this.root.derive(`fire:${label}`));
    }
    if (!site.on || !this.streams.get(label)!.chance(this.fires)) return false;
    site.fired++;
    return true;
  }

  /** `slow-reply on (3 fired), early-retry off`. */
  describe(): string {
    if (this.sites.size === 0) return 'no buggify sites reached';
    return [...this.sites].map(([label, s]) => `${label} ${s.on ? `on (${s.fired} fired)` : 'off'}`).join(', ');
  }
}
