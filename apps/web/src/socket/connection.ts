import { ServerFrame, type ClientFrame } from '@pairchat/schema';
import { backoffDelay } from './backoff.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ConnectionEvents {
  /** The socket is open and the server said `ready`: time to catch up. */
  onReady(): void;
  onFrame(frame: ServerFrame): void;
  onStatus(status: ConnectionStatus): void;
}

/**
 * The one WebSocket of this tab. Reconnects with backoff whenever it drops (unless stopped); every incoming frame
 * is checked against the shared schema before it reaches the store.
 */
export class Connection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

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
        this.events.onStatus('open');
        this.events.onReady();
      }
      this.events.onFrame(parsed.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.events.onStatus('closed');
      if (!this.stopped) this.timer = setTimeout(() => this.open(), backoffDelay(this.attempt++));
    };
  }
}

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
