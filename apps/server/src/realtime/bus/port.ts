import type { ServerFrame } from '@pairchat/schema';

/** Something every process holding a socket of `userId` must act on. */
export type BusEvent =
  | {
      kind: 'frame';
      userId: string;
      frame: ServerFrame;
      /** The socket that caused it (it got an ack instead). */
      exceptSocket?: string | undefined;
    }
  | { kind: 'close-session'; userId: string; sessionId: string };

/** Carries events from the chat service to the processes that hold the sockets. */
export interface EventBus {
  readonly name: string;
  publish(event: BusEvent): void;
  subscribe(handler: (event: BusEvent) => void): void;
  close(): Promise<void>;
}
