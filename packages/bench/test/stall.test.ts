// Issue 27, item 1: "the bench never waits out a 600 s timeout: a stalled run fails fast naming the
// stage". The raw MessagePort baseline waited on its bare workers with no deadline at all.
import { describe, expect, it } from 'vitest';
import { rawRoundTrips, rawThroughput } from '../src/raw/raw-bench.ts';
import { BenchStallError, watchProgress, withDeadline } from '../src/stall.ts';

const never = new Promise<never>(() => {});

describe('bench stall detection', () => {
  it('fails a stage whose progress stops, naming the stage and the last reading', async () => {
    const reading = 0;
    const error = await watchProgress('stuck stage', never, () => reading, (n) => `counted ${n}`, 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchStallError);
    expect((error as BenchStallError).stage).toBe('stuck stage');
    expect(String(error)).toContain("bench stage 'stuck stage' stalled: counted 0 and no more in 0.02 s");
  });

  it('lets a slow stage run for as long as its progress keeps moving', async () => {
    let reading = 0;
    const ticking = setInterval(() => reading++, 5);
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 120));
    try {
      expect(await watchProgress('slow stage', work, () => reading, (n) => `counted ${n}`, 30)).toBe('done');
    } finally {
      clearInterval(ticking);
    }
  });

  it('fails a stage that gets no answer by its deadline', async () => {
    await expect(withDeadline('silent stage', never, 20, 'no reply')).rejects.toThrow("bench stage 'silent stage' stalled: no reply within 0.02 s");
    expect(await withDeadline('quick stage', Promise.resolve(7), 20)).toBe(7);
  });

  it('fails the raw tell-throughput baseline fast when its receiver stops counting', async () => {
    const error = await rawThroughput(10_000, 100, 'raw tell-throughput (forced stall)', { stallMs: 200, stopAfter: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchStallError);
    expect(String(error)).toContain("'raw tell-throughput (forced stall)' stalled: the raw receiver counted 1000 of 10000 messages");
  });

  it('fails the raw ask-rtt baseline fast when its ponger stops answering', async () => {
    const error = await rawRoundTrips(1_000, 10, 'raw ask-rtt (forced stall)', { stallMs: 200, stopAfter: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchStallError);
    expect(String(error)).toContain("'raw ask-rtt (forced stall)' stalled: the raw pinger had 50 of 1010 answers");
  });

  it('still measures a raw run that is not stalled', async () => {
    const run = await rawThroughput(20_000, 1_000, 'raw tell-throughput (healthy)', { stallMs: 2_000 });
    expect(run.messages).toBe(20_000);
    expect(run.perSecond).toBeGreaterThan(0);
    expect((await rawRoundTrips(200, 10, 'raw ask-rtt (healthy)', { stallMs: 2_000 })).length).toBe(200);
  });
});
