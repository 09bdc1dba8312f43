import type { FastifyBaseLogger } from 'fastify';
import { LAST_SEEN_EVERY_MS } from '../auth/auth-service.ts';
import type { SessionTable } from '../store/port.ts';
import type { Connection } from './registry.ts';

/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days); a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The close code for a socket whose session ended (RFC 6455 §7.4.1: 1008, policy violation). */
export const SESSION_ENDED_CODE = 1008;

/**
 * Keeps every socket within the life of its session (OWASP's session management cheat sheet: a session that ends
 * on the server ends everywhere). A session ends early only through `AuthService.endSession`, whose `close-session`
 * event closes the session's sockets on every process that holds them (`RoomRegistry.deliver`). Three gaps remain,
 * each closed here:
 * - a socket whose upgrade was under way when the session ended: it was checked before the event and joined the
 *   registry after it, so the event found nothing to close. `admit` looks the session up again once the socket has
 *   joined (and its process watches the person's events): an end before the lookup is seen by it, an end after it
 *   finds the socket joined.
 * - expiry, which sends no event: each socket closes when its session's `expiresAt` passes.
 * - an event that never arrived (Redis away while the session ended on another process), or a session removed by
 *   the admin tool, which runs in a process of its own: every `checkIntervalMs` (1 s by default), the sessions of
 *   every open socket are looked up again, in one query (`liveAmong`: one indexed lookup per open session, no write).
 */
export class SessionGuard {
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private sweeping = false;

  constructor(
    private readonly sessions: Pick<SessionTable, 'get' | 'liveAmong' | 'touch'>,
    private readonly connections: () => Connection[],
    checkIntervalMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), checkIntervalMs);
    this.sweeper.unref();
  }

  /**
   * For a socket that has joined the registry: true when its session is still live (its expiry is then watched);
   * otherwise the socket is closed with 1008 — or 1013 (try again later) when the store cannot answer — and false.
   */
  async admit(conn: Connection): Promise<boolean> {
    let live;
    try {
      live = await this.sessions.get(conn.session.tokenHash, new Date().toISOString());
    } catch (err) {
      this.log.warn({ err }, 'session lookup failed; closing the new socket');
      conn.socket.close(1013, 'try again later');
      return false;
    }
    if (!live) {
      endSocket(conn, 'session ended');
      return false;
    }
    // Closed by the client meanwhile: its close has run already, and nothing may be armed for it.
    if (conn.socket.readyState !== conn.socket.OPEN) return false;
    this.watchExpiry(conn);
    return true;
  }

  /** The socket closed: forget it. */
  release(conn: Connection): void {
    clearTimeout(this.expiryTimers.get(conn.id));
    this.expiryTimers.delete(conn.id);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
  }

  private watchExpiry(conn: Connection): void {
    const left = Date.parse(conn.session.expiresAt) - Date.now();
    if (left <= 0) {
      endSocket(conn, 'session expired');
      return;
    }
    const timer = setTimeout(() => this.watchExpiry(conn), Math.min(left, MAX_TIMER_MS));
    timer.unref();
    this.expiryTimers.set(conn.id, timer);
  }

  /** Looks up the sessions of every open socket in one query; closes the sockets of sessions gone. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const open = this.connections();
      if (open.length === 0) return;
      const live = await this.sessions.liveAmong(
        [...new Set(open.map((c) => c.session.tokenHash))],
        new Date().toISOString(),
      );
      const now = Date.now();
      // An open socket is a session in use: its lastSeenAt moves on as a REST request moves it, once a minute.
      const stale = new Map<string, Connection[]>();
      for (const conn of open) {
        const { tokenHash, lastSeenAt } = conn.session;
        if (!live.has(tokenHash)) endSocket(conn, 'session ended');
        else if (now - Date.parse(lastSeenAt) >= LAST_SEEN_EVERY_MS)
          stale.set(tokenHash, [...(stale.get(tokenHash) ?? []), conn]);
      }
      for (const [tokenHash, conns] of stale) {
        const at = new Date(now).toISOString();
        for (const conn of conns) conn.session.lastSeenAt = at;
        await this.sessions.touch(tokenHash, at);
      }
    } catch (err) {
      // The store is away: sockets stay until it answers again (closing them all would not make anyone safer).
      this.log.warn({ err }, 'session check failed');
    } finally {
      this.sweeping = false;
    }
  }
}

/** Closes a socket whose session ended; its frames still queued are dropped (the socket is no longer open). */
export function endSocket(conn: Connection, reason: string): void {
  conn.socket.close(SESSION_ENDED_CODE, reason);
}
