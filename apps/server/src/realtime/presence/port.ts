/**
 * Who is online anywhere; a person is online while any of their sockets on any process is open (WeChat shows a
 * contact as online while any of their devices is connected). Adapters: `local-presence.ts` (one process) and
 * `redis-presence.ts` (leases in Redis, across processes).
 */
export interface Presence {
  /** A socket of the person opened here; true when they were offline everywhere before. */
  connected(userId: string): Promise<boolean>;
  /** A socket of the person closed here; true when that was their last one anywhere. */
  disconnected(userId: string): Promise<boolean>;
  /** Which of these people are online now. */
  onlineAmong(userIds: string[]): Promise<Set<string>>;
  /**
   * Records that the person is announced online or offline to the people who chat with them; true when that differs
   * from the last announcement made by any process, so each change is announced once. A person never announced
   * counts as offline.
   */
  announce(userId: string, online: boolean): Promise<boolean>;
  /** Called for people who went offline because the process holding their sockets died. */
  onExpired(handler: (userId: string) => void): void;
  close(): Promise<void>;
}
