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

/**
 * Carries events from the chat service to the processes that hold the sockets. Each event is published once per
 * person; every process delivers it to its own sockets of that person.
 */
export interface EventBus {
  readonly name: string;
  publish(event: BusEvent): void;
  subscribe(handler: (event: BusEvent) => void): void;
  /** This process now holds a socket of the person: deliver their events here. */
  watch(userId: string): Promise<void>;
  /** This process holds no more sockets of the person. */
  unwatch(userId: string): void;
  close(): Promise<void>;
}

/** Who is online anywhere; a person is online while any of their sockets on any process is open. */
export interface PresenceTracker {
  /** A socket of the person opened here; true when they were offline everywhere before. */
  connected(userId: string): Promise<boolean>;
  /** A socket of the person closed here; true when that was their last one anywhere. */
  disconnected(userId: string): Promise<boolean>;
  onlineAmong(userIds: string[]): Promise<Set<string>>;
  /** Called for people who went offline because the process holding their sockets died. */
  onExpired(handler: (userId: string) => void): void;
  close(): Promise<void>;
}
