import type WebSocket from 'ws';
import type { SessionRecord } from '../store/port.ts';
import type { BusEvent } from './bus/port.ts';
import { encodeFrame, sendEncoded } from './send.ts';
import { endSocket } from './session-guard.ts';

/** The close code that asks a client to reconnect and catch up (`askToReconnect`). */
export const RECONNECT_CLOSE = 1012;

export interface Connection {
  /** Unique across processes: the bus names the socket that sent a message so it gets an ack, not an echo. */
  readonly id: string;
  readonly userId: string;
  /** The session the socket was opened with; the socket closes when it ends (`session-guard.ts`). */
  readonly session: SessionRecord;
  readonly socket: WebSocket;
  /**
   * Resolves when this socket's previous frame has gone as far as ordering requires (a send: checked and handed
   * to the store).
   * The next frame waits for it, so a tab's messages are stored in the order it sent them.
   */
  turn: Promise<void>;
  /** Frames not yet answered; shutdown waits for them. */
  readonly unanswered: Set<Promise<void>>;
  /** The answer of this socket's latest send: the next send's answer goes after it (`ws-route.ts`). */
  lastAnswer: Promise<void>;
  /** Set when the server begins to shut down: frames not yet begun are not handled (see `drainAndClose`). */
  draining?: boolean;
}

/**
 * This process's open sockets, grouped per person. A pair's room is every socket of both people: the registry
 * delivers each event to the sockets of the person it names, so a message (one event per person) reaches every
 * tab of both.
 */
export class RoomRegistry {
  private readonly byUser = new Map<string, Map<string, Connection>>();

  /** Adds the connection; true when it is the person's first socket here (they came online). */
  add(conn: Connection): boolean {
    let sockets = this.byUser.get(conn.userId);
    const first = sockets === undefined;
    if (!sockets) {
      sockets = new Map();
      this.byUser.set(conn.userId, sockets);
    }
    sockets.set(conn.id, conn);
    return first;
  }

  /** Removes the connection; true when it was the person's last socket here (they went offline). */
  remove(conn: Connection): boolean {
    const sockets = this.byUser.get(conn.userId);
    if (!sockets?.delete(conn.id)) return false;
    if (sockets.size > 0) return false;
    this.byUser.delete(conn.userId);
    return true;
  }

  socketsOf(userId: string): Connection[] {
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }

  /** Every socket of both people of a pair, from its canonical key. */
  room(chatKey: string): Connection[] {
    const [a, b] = chatKey.split('_');
    if (a === undefined || b === undefined) return [];
    return [...this.socketsOf(a), ...this.socketsOf(b)];
  }

  /** People with at least one socket here. */
  get peopleCount(): number {
    return this.byUser.size;
  }

  get socketCount(): number {
    let n = 0;
    for (const sockets of this.byUser.values()) n += sockets.size;
    return n;
  }

  all(): Connection[] {
    return [...this.byUser.values()].flatMap((s) => [...s.values()]);
  }

  /**
   * Shutdown: the frame each socket is handling finishes (a send already handed to the store is committed and
   * acknowledged), frames queued behind it are not begun, and then every socket closes with 1001. A queued send
   * has no ack, so the client sends it again after it reconnects (to another process, behind a balancer). Waiting
   * for whole queues instead let a deep one (a burst on a slow store) outlast the shutdown's bound and be cut.
   * Waits at most `timeoutMs`.
   */
  async drainAndClose(timeoutMs: number): Promise<void> {
    const conns = this.all();
    for (const conn of conns) conn.draining = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    // First every frame's turn (a send is then checked and handed to the store), then the answers that adds.
    const drained = (async () => {
      await Promise.allSettled(conns.map((c) => c.turn));
      await Promise.allSettled(conns.flatMap((c) => [...c.unanswered]));
    })();
    await Promise.race([drained, timeout]);
    for (const conn of conns) conn.socket.close(1001, 'server shutting down');
  }

  /**
   * Asks every socket to reconnect and catch up: each is closed with 1012 ("service restart", IANA's WebSocket close
   * code registry) at a random moment within `spreadMs`, so the catch-ups do not all land at once. For when this
   * process may have missed events meant for its sockets (the bus between processes was away): a client learns
   * what it missed, messages and who is online, only from the catch-up after a reconnect.
   */
  askToReconnect(spreadMs: number): void {
    for (const conn of this.all()) {
      setTimeout(
        () => conn.socket.close(RECONNECT_CLOSE, 'events may have been missed: reconnect'),
        Math.random() * spreadMs,
      ).unref();
    }
  }

  deliver(event: BusEvent): void {
    const sockets = this.byUser.get(event.userId);
    if (!sockets) return;
    if (event.kind === 'close-session') {
      for (const conn of sockets.values()) {
        if (conn.session.id === event.sessionId) endSocket(conn, 'session ended');
      }
      return;
    }
    const text = encodeFrame(event.frame);
    for (const conn of sockets.values()) {
      if (conn.id !== event.origin) sendEncoded(conn.socket, text);
    }
  }
}
