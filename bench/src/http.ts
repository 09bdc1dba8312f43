import { performance } from 'node:perf_hooks';
import { latencyStats, type LatencyStats } from './stats.ts';

/** Latency of `n` calls made one after another (the body read in full); a call that is not 2xx stops the run. */
export async function timeCalls(n: number, call: (i: number) => Promise<Response>): Promise<LatencyStats> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    samples.push(performance.now() - t);
  }
  return latencyStats(samples);
}
