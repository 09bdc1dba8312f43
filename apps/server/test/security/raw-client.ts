import net from 'node:net';

/**
 * A raw TCP client for faults a well-behaved HTTP or WebSocket library cannot produce: a request that stops half
 * way, a WebSocket that never reads or answers the close handshake. Records what it received and when it closed.
 */
export class RawClient {
  received = '';
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (this.received += chunk));
    socket.on('error', () => {
      // a reset from the server is one way of being closed
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Writes and waits until the bytes are handed to the kernel. */
  write(text: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(text, 'latin1', (err) => (err ? reject(err) : resolve())),
    );
  }

  /** Waits until what was received matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(this.received)) done(resolve);
        else if (this.socket.destroyed) done(() => reject(new Error(`closed before ${String(pattern)}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${String(pattern)} in ${timeoutMs} ms: ${this.received}`))),
        timeoutMs,
      );
      const done = (then: () => void) => {
        clearTimeout(timer);
        this.socket.off('data', check).off('close', check);
        then();
      };
      this.socket.on('data', check).on('close', check);
      check();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}
