import type { Distribution } from '@faultline/core';

/** Renders a delay distribution for logs, e.g. `uniform(0.5–1.5ms)`. */
export function describeDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'constant': return `${d.ms}ms`;
    case 'uniform': return `uniform(${d.minMs}–${d.maxMs}ms)`;
    case 'normal': return `normal(mean ${d.meanMs}ms, sd ${d.stddevMs}ms)`;
    case 'exponential': return `exponential(mean ${d.meanMs}ms)`;
    case 'lognormal': return `lognormal(median ${d.medianMs}ms, σ ${d.sigma})`;
    case 'pareto': return `pareto(scale ${d.scaleMs}ms, α ${d.alpha})`;
  }
}
