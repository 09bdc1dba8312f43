import type { Presence } from './port.ts';

/** Announces a person's state to the people who chat with them (`ChatService.presenceChanged`). */
export type AnnouncePresence = (userId: string, online: boolean) => Promise<void>;

/**
 * Coalesces presence changes. A socket opened and closed in a loop would otherwise send everyone who chats with the
 * person one frame per open and per close. Here a change only asks for a look: the person's state is read when the
 * look runs, at most once per `intervalMs` per person (the first at once, later ones at the end of the window), and
 * announced only when it differs from the last announcement (`Presence.announce`, shared by every process). So a
 * person makes at most one presence change per window per process, and the last one always matches their state.
 */
export class PresenceAnnouncer {
  /** Per person: when their state was last looked at (ms since epoch), and the look waiting, if any. */
  private readonly people = new Map<string, { lookedAt: number; timer?: ReturnType<typeof setTimeout> }>();
  private closed = false;

  constructor(
    private readonly presence: Pick<Presence, 'onlineAmong' | 'announce'>,
    private readonly announce: AnnouncePresence,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The person's sockets changed (one opened or closed, or a process holding them died): look at them soon. */
  changed(userId: string): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.people.size > 10_000) this.forgetCalm(now);
    const person = this.people.get(userId) ?? { lookedAt: -Infinity };
    this.people.set(userId, person);
    if (person.timer !== undefined) return;
    const wait = person.lookedAt + this.intervalMs - now;
    if (wait <= 0) {
      void this.look(userId, person);
      return;
    }
    person.timer = setTimeout(() => void this.look(userId, person), wait);
    person.timer.unref();
  }

  /** Stops every look still waiting (the app is closing). */
  close(): void {
    this.closed = true;
    for (const person of this.people.values()) clearTimeout(person.timer);
    this.people.clear();
  }

  private async look(userId: string, person: { lookedAt: number; timer?: ReturnType<typeof setTimeout> }) {
    // Before the state is read: a change that lands while this look runs asks for another look.
    person.timer = undefined;
    person.lookedAt = Date.now();
    try {
      const online = (await this.presence.onlineAmong([userId])).has(userId);
      if (this.closed) return;
      if (await this.presence.announce(userId, online)) await this.announce(userId, online);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Drops people whose window is over and who have no look waiting, so memory follows recent changes only. */
  private forgetCalm(now: number): void {
    for (const [userId, person] of this.people) {
      if (person.timer === undefined && person.lookedAt + this.intervalMs <= now) this.people.delete(userId);
    }
  }
}
