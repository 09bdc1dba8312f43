import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { makeMemoryLimiter, type MakeLimiter } from './make-limiter.ts';

/**
 * The budgets a person's WebSocket frames are counted against, each on its own: a flood of typing frames does not
 * use up the budget of read marks. `other` counts every frame without a budget of its own — frames that are not
 * valid JSON or not a valid frame, and any frame type added later — so no frame type goes uncounted. Sends are
 * counted by the send limit instead, which REST sends share (`ChatService.check`).
 */
export const FRAME_BUDGETS = ['typing', 'read', 'other'] as const;
export type FrameBudget = (typeof FRAME_BUDGETS)[number];

/** Points per window of each budget, and the window in seconds (a fixed window per person, as rate-limiter-flexible counts). */
export interface FrameLimitOptions {
  windowSeconds: number;
  points: Record<FrameBudget, number>;
}

/**
 * Per-person limits on WebSocket frames (OWASP's denial-of-service cheat sheet: limit what each client may ask per
 * unit of time). Each budget is a `RateLimiterAbstract`, so the counting store can be swapped (Redis, to share the
 * budget across processes) without touching the route.
 */
export class FrameLimits {
  private readonly limiters: Record<FrameBudget, RateLimiterAbstract>;

  constructor(
    opts: FrameLimitOptions,
    makeLimiter: MakeLimiter = makeMemoryLimiter,
    private readonly onStoreError: (err: unknown) => void = () => {},
  ) {
    const make = (budget: FrameBudget) =>
      makeLimiter({ keyPrefix: `frames:${budget}`, points: opts.points[budget], duration: opts.windowSeconds });
    this.limiters = { typing: make('typing'), read: make('read'), other: make('other') };
  }

  /** The budget a frame of this type (or a frame that is not valid: `undefined`) is counted against. */
  static budgetOf(frameType: string | undefined): FrameBudget {
    return frameType === 'typing' || frameType === 'read' ? frameType : 'other';
  }

  /**
   * Counts one frame of `userId` against `budget`. Answers 0 when it may go through, else the whole seconds until
   * the budget has room again (at least 1). A limiter whose store fails lets the frame through: an outage of the
   * counting store must not cut chat.
   */
  async take(userId: string, budget: FrameBudget): Promise<number> {
    try {
      await this.limiters[budget].consume(userId);
      return 0;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      this.onStoreError(err);
      return 0;
    }
  }
}
