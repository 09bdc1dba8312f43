import type { ServerFrame } from '@pairchat/schema';

/** Something every process holding a socket of `userId` must act on. */
export type BusEvent =
  | {
      kind: 'frame';
      userId: string;
      frame: ServerFrame;
      /** The connection the event came from, which is answered otherwise (a send's ack): not delivered there. */
      origin?: string | undefined;
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
  /**
   * Calls `handler` when the bus is back after an outage during which events between processes were lost (a bus
   * within one process loses none, and never calls it).
   */
  onRecovered?(handler: () => void): void;
  close(): Promise<void>;
}
