import { createHash } from 'node:crypto';
import pRetry, { AbortError } from 'p-retry';
import type { PushPayload } from '@pairchat/schema';
import { badRequest } from '../errors.ts';
import { checkEndpoint, EndpointRefusedError } from './endpoint-guard.ts';
import type { PushSubscriptionRecord, PushTable, VapidKeys } from '../store/port.ts';
import { postPush, type PushTarget } from './transport.ts';
import { loadVapidKeys } from './vapid.ts';

/**
 * What a push about a chat shows: the caller composes the text (sender's name or remark, and a preview). A
 * subscription that chose no preview gets {@link NO_PREVIEW_BODY} as the body instead.
 */
export interface PushNotice {
  chatId: string;
  title: string;
  body: string;
}

/** The body of a push to a browser whose person chose "no preview" (WeChat: "You received a new message"). */
export const NO_PREVIEW_BODY = 'New message';

/** Logs what failed in the background (a pino/Fastify logger fits). */
export interface PushLog {
  warn(obj: object, msg: string): void;
}

export interface PushSenderOptions {
  /** Notices about one chat for one person arriving within this many ms of the first make one push. */
  coalesceMs: number;
  /** PUSH_ALLOW_INSECURE_ENDPOINTS: http and non-public hosts allowed (tests only). */
  allowInsecureEndpoints: boolean;
  /** VAPID `sub` claim (RFC 8292 §2.1). */
  subject?: string;
  /** Retries after a failed attempt (network error, timeout, 429 or 5xx), with exponential backoff. */
  retries?: number;
  /** First backoff in ms; doubled on each retry (with jitter), up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** RFC 8030 §5.2 TTL, seconds. */
  ttlSeconds?: number;
  timeoutMs?: number;
  log?: PushLog;
}

/**
 * Subscriptions kept per person (browsers and devices); past it the oldest goes, so one account cannot make every
 * message fan out to an unbounded list of endpoints (OWASP: limit resources a user can make the server consume).
 */
export const PUSH_SUBSCRIPTIONS_PER_USER = 10;
const TITLE_MAX = 128;
const BODY_MAX = 512;
const DEFAULT_SUBJECT = 'mailto:push@pairchat.invalid';

/** Cuts text to `max` code points, so a push stays within the 4 KiB a push service must accept (RFC 8030 §7.2). */
const cut = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** RFC 8030 §5.4 topic (≤ 32 base64url characters): one per chat, so a push service keeps only a chat's newest. */
const topicOf = (chatId: string) => createHash('sha256').update(chatId).digest('base64url').slice(0, 32);

/** What the chat service needs of Web Push: a port it can depend on without knowing web-push or the store. */
export interface PushNotifier {
  notify(userId: string, notice: PushNotice): void;
}

interface Pending {
  notice: PushNotice;
  count: number;
  timer: NodeJS.Timeout;
  fire: () => void;
}

/**
 * Web Push for pairchat (contract: "Web Push"). `notify` returns at once and never throws: delivery to sockets
 * never waits for a push. Notices about one chat within `coalesceMs` of the first become one push (the newest
 * text, with a count); each push goes to every subscription of the person; a push service answering 404 or 410
 * ends that subscription (RFC 8030 §6.2, and what web-push's docs advise); other failures are retried with
 * exponential backoff. Whether a person should get a push at all (no open socket on any process, chat not muted)
 * is the caller's decision.
 */
export class PushSender implements PushNotifier {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  private constructor(
    private readonly store: PushTable,
    private readonly vapid: VapidKeys,
    private readonly opts: PushSenderOptions,
  ) {}

  /** Loads (or makes, at the first start) the VAPID keys from the store. */
  static async create(store: PushTable, opts: PushSenderOptions): Promise<PushSender> {
    return new PushSender(store, await loadVapidKeys(store), opts);
  }

  /** The VAPID public key (base64url) a browser passes as `applicationServerKey`. */
  get publicKey(): string {
    return this.vapid.publicKey;
  }

  /**
   * Saves a browser's subscription for `userId`; an endpoint that is not https on a public host is 400. Past
   * {@link PUSH_SUBSCRIPTIONS_PER_USER}, the person's oldest subscriptions are dropped. `preview` (default true):
   * whether pushes to this browser carry the message text.
   */
  async subscribe(
    userId: string,
    sub: { endpoint: string; keys: { p256dh: string; auth: string }; preview?: boolean | undefined },
  ): Promise<void> {
    try {
      await checkEndpoint(sub.endpoint, this.opts.allowInsecureEndpoints);
    } catch (err) {
      if (err instanceof EndpointRefusedError) throw badRequest(err.message);
      throw err;
    }
    const { endpoint, keys, preview = true } = sub;
    await this.store.saveSubscription({ userId, endpoint, ...keys, preview, createdAt: new Date().toISOString() });
    const all = await this.store.listSubscriptions(userId);
    for (const old of all.slice(0, Math.max(0, all.length - PUSH_SUBSCRIPTIONS_PER_USER))) {
      await this.store.deleteSubscription(old.endpoint, userId);
    }
  }

  /** Removes `userId`'s subscription with this endpoint; nothing when there is none (idempotent, like DELETE). */
  async unsubscribe(userId: string, endpoint: string): Promise<void> {
    await this.store.deleteSubscription(endpoint, userId);
  }

  /** Queues a push about `notice.chatId` to every subscription of `userId`. Returns at once; never throws. */
  notify(userId: string, notice: PushNotice): void {
    if (this.abort.signal.aborted) return;
    const key = `${userId}\u0000${notice.chatId}`;
    const prior = this.pending.get(key);
    if (prior) {
      prior.notice = notice;
      prior.count += 1;
      return;
    }
    let fire = () => {};
    const fired = new Promise<void>((resolve) => (fire = resolve));
    const entry: Pending = { notice, count: 1, timer: setTimeout(() => fire(), this.opts.coalesceMs), fire };
    this.pending.set(key, entry);
    this.track(
      fired.then(async () => {
        this.pending.delete(key);
        if (this.abort.signal.aborted) return;
        const payload: PushPayload = {
          chatId: entry.notice.chatId,
          title: cut(entry.notice.title, TITLE_MAX),
          body: cut(entry.notice.body, BODY_MAX),
          count: entry.count,
        };
        await this.sendToAll(userId, payload);
      }),
    );
  }

  /** Resolves once nothing is waiting to be coalesced or being sent (tests and shutdown use it as a barrier). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Drops what is still waiting, stops retries, and waits for the sends in flight to end. */
  async close(): Promise<void> {
    this.abort.abort();
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.fire();
    }
    await this.idle();
  }

  private track(work: Promise<void>): void {
    const done = work.catch((err: unknown) => this.opts.log?.warn({ err }, 'push failed'));
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }

  private async sendToAll(userId: string, payload: PushPayload): Promise<void> {
    const subscriptions = await this.store.listSubscriptions(userId);
    const topic = topicOf(payload.chatId);
    const text = (s: PushSubscriptionRecord) =>
      JSON.stringify(s.preview ? payload : { ...payload, body: NO_PREVIEW_BODY });
    await Promise.all(subscriptions.map((s) => this.sendOne(s, text(s), topic)));
  }

  /** One subscription, with retries; ends it on 404/410. Logs and gives up on anything else it cannot fix. */
  private async sendOne(target: PushTarget, payload: string, topic: string): Promise<void> {
    try {
      const status = await pRetry(
        async () => {
          const status = await postPush(target, payload, {
            vapid: this.vapid,
            subject: this.opts.subject ?? DEFAULT_SUBJECT,
            allowInsecure: this.opts.allowInsecureEndpoints,
            ttlSeconds: this.opts.ttlSeconds ?? 24 * 60 * 60,
            topic,
            timeoutMs: this.opts.timeoutMs ?? 10_000,
            signal: this.abort.signal,
          }).catch((err: unknown) => {
            // A refused endpoint (its DNS now points inside) will not get better by retrying.
            throw err instanceof EndpointRefusedError ? new AbortError(err) : err;
          });
          if (status === 429 || status >= 500) throw new Error(`push service answered ${status}`);
          return status;
        },
        {
          retries: this.opts.retries ?? 5,
          minTimeout: this.opts.retryMinMs ?? 1000,
          maxTimeout: this.opts.retryMaxMs ?? 60_000,
          factor: 2,
          randomize: true,
          signal: this.abort.signal,
        },
      );
      if (status === 404 || status === 410) {
        await this.store.deleteSubscription(target.endpoint);
      } else if (status >= 300) {
        this.opts.log?.warn({ status, endpoint: target.endpoint }, 'push refused by the push service');
      }
    } catch (err) {
      if (this.abort.signal.aborted) return;
      this.opts.log?.warn({ err, endpoint: target.endpoint }, 'push not delivered');
    }
  }
}
