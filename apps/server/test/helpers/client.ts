import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { ServerFrame, type Chat, type Message, type User } from '@pairchat/schema';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A real HTTP call. `body` is JSON-encoded unless it is already a string (for malformed-JSON tests). */
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: left as text for the assertion to show
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface Person {
  user: User;
  token: string;
}

let counter = 0;
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${counter}_${randomUUID().slice(0, 8)}`;
}

export async function register(base: string, name = uniqueName(), password = 'correct horse'): Promise<Person> {
  const res = await call<{ user: User; token: string }>(base, 'POST', '/api/auth/register', {
    body: { name, password },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function openChat(base: string, me: Person, peer: Person): Promise<Chat> {
  const res = await call<{ chat: Chat }>(base, 'POST', '/api/chats', {
    token: me.token,
    body: { peerId: peer.user.id },
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`open failed: ${res.status}`);
  return res.body.chat;
}

export async function sendRest(
  base: string,
  me: Person,
  chatId: string,
  content: string,
  clientId: string = randomUUID(),
): Promise<Reply> {
  return call(base, 'POST', `/api/chats/${chatId}/messages`, {
    token: me.token,
    body: { clientId, content },
  });
}

/** A real WebSocket client that records every frame, checked against the shared schema. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private consumed = new Set<number>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = ServerFrame.parse(JSON.parse((data as Buffer).toString('utf8')));
      this.frames.push(frame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      });
    });
  }

  /** Opens a socket and waits for its `ready` frame. */
  static async open(
    wsUrl: string,
    token: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<TestSocket> {
    const ws = new WebSocket(wsUrl, { headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers } });
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    await socket.next('ready');
    return socket;
  }

  /** The HTTP status with which an upgrade is refused. */
  static async refusal(wsUrl: string, headers: Record<string, string>): Promise<number> {
    const ws = new WebSocket(wsUrl, { headers });
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => {
        ws.close();
        reject(new Error('upgrade was accepted'));
      });
      ws.once('error', (err) => reject(err));
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame of this type (and matching `where`) not yet taken by an earlier `next`. */
  next<T extends ServerFrame['type']>(
    type: T,
    where: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    // A bound on waiting, not a speed goal: generous, so a busy 2-core machine (jongodb is a JVM) does not fail a test.
    timeoutMs = 15_000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = 0; i < this.frames.length; i++) {
          const f = this.frames[i]!;
          if (!this.consumed.has(i) && f.type === type && where(f as Extract<ServerFrame, { type: T }>)) {
            this.consumed.add(i);
            cleanup();
            resolve(f as Extract<ServerFrame, { type: T }>);
            return;
          }
        }
        if (this.ws.readyState === WebSocket.CLOSED) {
          cleanup();
          reject(new Error(`socket closed while waiting for ${type}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Frames of a type received so far. */
  all<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<ServerFrame, { type: T }>[];
  }

  /** Sends a message and waits for its ack. */
  async sendMessage(to: string, content: string, clientId: string = randomUUID()): Promise<Message> {
    this.send({ type: 'send', to, clientId, content });
    const ack = await this.next('ack', (f) => f.clientId === clientId);
    return ack.message;
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) {
      this.ws.close();
      await this.closed;
    }
  }
}

/**
 * A round-trip barrier instead of a sleep: `from` sends a typing frame to `toUserId`, and each of `to` waits for it.
 * Events for one person are delivered in the order they were published, so once it arrives, every frame published
 * for that person before it (an echo that should not exist, a second delivery) has arrived too.
 */
export async function barrier(from: TestSocket, toUserId: string, ...to: TestSocket[]): Promise<void> {
  from.send({ type: 'typing', to: toUserId });
  await Promise.all(to.map((socket) => socket.next('typing')));
}

/** Waits until `check` passes, for state that changes after a frame has gone out. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
