import { ServerFrame, type ClientFrame } from '@pairchat/schema';
import { backoffDelay } from './backoff.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ConnectionEvents {
  onFrame(frame: ServerFrame): void;
  onStatus(status: ConnectionStatus): void;
  /**
   * The session is over: the server closed the socket with 1008 (signed out, here or in another tab of the same
   * session), or a reconnect was refused and the session check says so. The connection does not reconnect.
   */
  onSessionEnded(): void;
  /**
   * Asked before reconnecting after a socket that never became ready: a refused upgrade (401) looks to the browser
   * like any failed connect (close code 1006), so only a REST call can tell "signed out" from "server away".
   */
  sessionAlive(): Promise<boolean>;
}

/** RFC 6455 §7.4.1 "policy violation": the server ends a signed-out session's sockets with it. */
export const SESSION_ENDED_CLOSE = 1008;

/**
 * The one WebSocket of this tab. Reconnects with backoff whenever it drops (unless stopped, or the session is over);
 * every incoming frame is checked against the shared schema before it reaches the store.
 */
export class Connection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** The current socket said `ready`. */
  private ready = false;

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'bye');
    this.socket = null;
  }

  /** Sends a frame if the socket is open; false if it is not (the caller keeps the message pending). */
  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private open(): void {
    this.events.onStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.ready = false;
    socket.onmessage = (ev: MessageEvent<string>) => {
      let json: unknown;
      try {
        json = JSON.parse(ev.data);
      } catch {
        return;
      }
      const parsed = ServerFrame.safeParse(json);
      if (!parsed.success) return;
      if (parsed.data.type === 'ready') {
        this.attempt = 0;
        this.ready = true;
        this.events.onStatus('open');
      }
      this.events.onFrame(parsed.data);
    };
    // An error is always followed by a close, which is what decides what happens next.
    socket.onerror = () => undefined;
    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.events.onStatus('closed');
      if (this.stopped) return;
      if (ev.code === SESSION_ENDED_CLOSE) return this.end();
      const wasReady = this.ready;
      this.timer = setTimeout(() => void this.reopen(wasReady), backoffDelay(this.attempt++));
    };
  }

  private async reopen(wasReady: boolean): Promise<void> {
    if (!wasReady && !(await this.events.sessionAlive())) return this.end();
    if (!this.stopped) this.open();
  }

  private end(): void {
    if (this.stopped) return;
    this.stop();
    this.events.onSessionEnded();
  }
}

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
