import { describe, expect, it } from 'vitest';
import { createRng, dist, nodeId, type Distribution } from '@faultline/core';
import { FaultNetwork, fault, select } from '../src/index.ts';

const n1 = nodeId('n1');
const n2 = nodeId('n2');
const frame = new Uint8Array(32);

/** Routes `count` frames n1 -> n2, one per second (so nothing queues), and returns their delays. */
function delays(delay: Distribution, count: number, options: { jitterMs?: number; base?: Distribution } = {}): number[] {
  const net = new FaultNetwork({ nodes: 2, baseLatency: options.base ?? dist.constant(0), fifo: false }, createRng(5));
  net.install({ target: select.link('n1', 'n2'), fault: fault.delay(delay, options.jitterMs ?? 0) });
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(net.route({ from: n1, to: n2, bytes: frame }, i * 1000).deliveries[0]?.delayMs ?? NaN);
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2;
};

describe('delay rules draw from their distribution (20,000 samples, fixed seed)', () => {
  it('lognormal(median 20 ms, σ 0.5): the sample median is 20 ± 0.5 ms and the mean 20·e^(σ²/2) ± 2%', () => {
    const xs = delays(dist.lognormal(20, 0.5), 20_000);
    expect(Math.abs(median(xs) - 20)).toBeLessThan(0.5);
    expect(Math.abs(mean(xs) / (20 * Math.exp(0.125)) - 1)).toBeLessThan(0.02);
  });

  it('pareto(scale 5 ms, α 3): never below 5 ms, mean α·scale/(α−1) = 7.5 ± 3%', () => {
    const xs = delays(dist.pareto(5, 3), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(5);
    expect(Math.abs(mean(xs) / 7.5 - 1)).toBeLessThan(0.03);
  });

  it('constant 10 ms with ±4 ms jitter: every delay within 6–14 ms, mean 10 ± 0.1 ms', () => {
    const xs = delays(dist.constant(10), 20_000, { jitterMs: 4 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...xs)).toBeLessThanOrEqual(14);
    expect(Math.abs(mean(xs) - 10)).toBeLessThan(0.1);
  });

  it('adds the base latency: uniform 0.5–1.5 ms base plus 10 ms has mean 11 ± 0.05 ms', () => {
    const xs = delays(dist.constant(10), 20_000, { base: dist.uniform(0.5, 1.5) });
    expect(Math.abs(mean(xs) - 11)).toBeLessThan(0.05);
  });

  it('keeps a FIFO link in order: a burst sent at one instant arrives in send order despite random delays', () => {
    const net = new FaultNetwork({ nodes: 2 }, createRng(6));
    net.install({ target: select.all(), fault: fault.delay(dist.exponential(10)) });
    const arrivals = Array.from({ length: 1_000 }, () => net.route({ from: n1, to: n2, bytes: frame }, 0).deliveries[0]?.delayMs ?? NaN);
    expect(arrivals.every((t, i) => i === 0 || t >= (arrivals[i - 1] as number))).toBe(true);
  });
});

describe('arrival horizon of FIFO links (head-of-line blocking)', () => {
  it('a frame delayed by a rule holds later frames behind it after the rule is gone, and the horizon says until when', () => {
    const net = new FaultNetwork({ nodes: 2, baseLatency: dist.constant(1), fifo: true }, createRng(5));
    expect(net.arrivalHorizonMs()).toBe(-Infinity);
    const slow = net.install({ target: select.link('n1', 'n2'), fault: fault.delay(dist.constant(3000)) });
    expect(net.route({ from: n1, to: n2, bytes: frame }, 100).deliveries[0]?.delayMs).toBe(3001);
    slow.remove();
    // The rule ended at 200 ms, yet the next frame still arrives after the slow one: at 3101 ms.
    const next = net.route({ from: n1, to: n2, bytes: frame }, 200).deliveries[0]?.delayMs ?? NaN;
    expect(200 + next).toBe(3101);
    expect(net.arrivalHorizonMs()).toBe(3101);
  });
});
