import WebSocket from 'ws';
import { ServerFrame } from '@pairchat/schema';
import type { Store, UserTable } from '../../src/store/port.ts';

/**
 * A WebSocket upgrade watched from the start, for sockets that may be refused, or accepted and closed before they
 * are ready (TestSocket.open waits for `ready`). Records every frame and how it ended.
 */
export class SocketAttempt {
  readonly frames: ServerFrame[] = [];
  /** The HTTP status of a refused upgrade, or 101. */
  readonly upgraded: Promise<number>;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;

  constructor(wsUrl: string, token: string) {
    this.ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
    this.ws.on('message', (data) => {
      this.frames.push(ServerFrame.parse(JSON.parse((data as Buffer).toString('utf8'))));
    });
    this.upgraded = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve(101));
      this.ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        this.ws.terminate();
      });
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** How the socket ended, or `'still open'` if it did not within `timeoutMs`. */
  endedWithin(timeoutMs: number): Promise<{ code: number; reason: string } | 'still open'> {
    return closedWithin(this.closed, timeoutMs);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** How a socket ended (its `closed` promise), or `'still open'` if it did not within `timeoutMs`. */
export function closedWithin<T>(closed: Promise<T>, timeoutMs: number): Promise<T | 'still open'> {
  const timeout = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), timeoutMs));
  return Promise.race([closed, timeout]);
}

/**
 * The real store with one pause a test can trigger: `holdNextUserLookup()` makes the next `users.get` wait until
 * `release()`. An upgrade's session check looks the session up, then its user, so holding that lookup holds the
 * upgrade between its check and its joining the registry — the window in which a logout used to miss the socket.
 */
export function withUserLookupGate(store: Store): {
  store: Store;
  holdNextUserLookup(): { reached: Promise<void>; release(): void };
} {
  let held: { reach: () => void; wait: Promise<void> } | undefined;
  const gatedGet: UserTable['get'] = async (id) => {
    const hold = held;
    held = undefined;
    if (hold) {
      hold.reach();
      await hold.wait;
    }
    return store.users.get(id);
  };
  // Everything else passes through unchanged, whatever tables and methods the store has.
  const users = forward(store.users, { get: gatedGet });
  const gated = forward(store, { users });
  return {
    store: gated,
    holdNextUserLookup() {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const wait = new Promise<void>((resolve) => (release = resolve));
      held = { reach, wait };
      return { reached, release };
    },
  };
}

/** `target` with some properties replaced; methods keep `target` as `this`. */
function forward<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in replaced) return replaced[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
