import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Endpoint } from './clients.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

export interface LoadResult {
  sent: number;
  delivered: number;
  perSecond: number;
  latencyMs: LatencyStats;
  errors: number;
  lost: number;
  duplicated: number;
  seconds: number;
}

const CONTENT =
  'The quick brown fox jumps over the lazy dog, 0123456789. 敏捷的棕色狐狸跳过了懒狗。 A typical chat line.';

/**
 * Drives pairs of endpoints. `rate: 'max'` keeps `window` undelivered messages in flight per person and sends the
 * next as soon as one arrives at the peer (as fast as delivery allows); a number is messages per second per pair,
 * from alternating sides, spread evenly. Stops sending after `seconds` (then calls `onSendingEnd`), then waits for
 * stragglers. ClientIds are new in every run, so the same pairs can be driven again (the server would take a
 * known clientId for a resend and deliver nothing).
 */
export async function runLoad(
  pairs: [Endpoint, Endpoint][],
  opts: { rate: number | 'max'; seconds: number; window?: number; onSendingEnd?: () => void },
): Promise<LoadResult> {
  const sentAt = new Map<string, number>();
  const seen = new Set<string>();
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let duplicated = 0;
  let sending = true;
  let counter = 0;
  let allDelivered = () => {};
  const window = opts.window ?? 8;
  const run = randomUUID().slice(0, 8);

  const fire = (from: Endpoint) => {
    const clientId = `b${run}-${++counter}`;
    sentAt.set(clientId, performance.now());
    sent++;
    from.send(clientId, CONTENT);
  };

  pairs.forEach(([a, b]) => {
    for (const [me] of [
      [a, b],
      [b, a],
    ] as const) {
      me.onError = () => {
        errors++;
      };
    }
    const delivered = (sender: Endpoint) => (clientId: string) => {
      if (seen.has(clientId)) {
        duplicated++;
        return;
      }
      const t = sentAt.get(clientId);
      if (t === undefined) return;
      seen.add(clientId);
      latencies.push(performance.now() - t);
      if (!sending && seen.size >= sent) allDelivered();
      if (opts.rate === 'max' && sending) fire(sender);
    };
    // A message that arrives at b was sent by a, which then sends the next.
    b.onDelivered = delivered(a);
    a.onDelivered = delivered(b);
  });

  const start = performance.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  if (opts.rate === 'max') {
    for (const [a, b] of pairs) {
      for (let i = 0; i < window; i++) {
        fire(a);
        fire(b);
      }
    }
  } else {
    const interval = 1000 / opts.rate;
    const next = pairs.map((_, i) => start + (interval * i) / pairs.length);
    const side = pairs.map(() => 0);
    timer = setInterval(() => {
      const now = performance.now();
      pairs.forEach((pair, i) => {
        while (next[i]! <= now) {
          fire(pair[side[i]!]!);
          side[i] = 1 - side[i]!;
          next[i]! += interval;
        }
      });
    }, 5);
  }
  // The measurement window itself: sending goes on for `seconds`.
  await delay(opts.seconds * 1000);
  sending = false;
  if (timer) clearInterval(timer);
  opts.onSendingEnd?.();
  const sendingSeconds = (performance.now() - start) / 1000;
  const deliveredWhileSending = seen.size;
  // Stragglers: until the last message sent has arrived (the delivery callback says so), or 5 s at most.
  const cap = new AbortController();
  await Promise.race([
    new Promise<void>((resolve) => {
      allDelivered = resolve;
      if (seen.size >= sent) resolve();
    }),
    delay(5000, undefined, { signal: cap.signal }).catch(() => {}),
  ]);
  cap.abort();
  return {
    sent,
    delivered: seen.size,
    perSecond: Math.round(deliveredWhileSending / sendingSeconds),
    latencyMs: latencyStats(latencies),
    errors,
    lost: sent - seen.size,
    duplicated,
    seconds: Math.round(sendingSeconds * 10) / 10,
  };
}
