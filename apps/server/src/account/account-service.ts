import type { Session, User } from '@pairchat/schema';
import type { AuthService } from '../auth/auth-service.ts';
import type { UserCache } from '../chat/user-cache.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { mayFetch } from '../media/access.ts';
import { makeAvatar } from '../media/avatar.ts';
import type { MediaStore } from '../media/port.ts';
import type { EventBus } from '../realtime/bus/port.ts';
import type { ProfileChange, SessionRecord, Store } from '../store/port.ts';

export interface AccountServiceOptions {
  store: Store;
  auth: AuthService;
  bus: EventBus;
  media: MediaStore;
  /** The chat service's cache of users on this process (forgotten on a change, so a send sees it at once). */
  userCache: Pick<UserCache, 'forget'>;
  /**
   * Contacts and blocks of a deleted account are forgotten here: the contacts branch's `forgetUser(userId)` on the
   * contacts and blocks tables is wired in `app.ts`. Runs after the account is marked deleted.
   */
  forgetRelations?: (userId: string) => Promise<void>;
  /**
   * Whether a media file is still carried by a message someone sees (or is an avatar): `MediaAccess.inUse`. A
   * deleted account's uploads in use stay, with the messages that carry them.
   */
  inUse: (mediaId: string) => Promise<boolean>;
  now?: () => Date;
}

/** How many media records one page of the scan for a deleted account's uploads reads. */
const MEDIA_PAGE = 500;

/** `PATCH /api/me` as the service takes it: a display name (already checked) and/or an avatar media id. */
export type ProfileCommand = { displayName?: string | undefined; avatar?: string | null | undefined };

/**
 * A person's own account (contract: `PATCH /api/me`, password, sessions, `DELETE /api/me`): profile, password,
 * the list of their sessions, deleting the account. Knows the store, the media store, the bus and `AuthService`
 * (the one place sessions end, so sockets always close with them); not Fastify.
 */
export class AccountService {
  private readonly now: () => Date;

  constructor(private readonly opts: AccountServiceOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Sets my display name and/or avatar. An avatar must be an image I uploaded: someone else's or an unknown id is
   * 404 `not_found` (the same answer, so it reveals nothing), a file or voice recording of mine is 400
   * `bad_request`; either way nothing changes. The server stores a square copy (`media/avatar.ts`) as the avatar;
   * null removes it. Everyone with a chat with me, and my own tabs, get `user_updated`.
   */
  async updateProfile(me: User, command: ProfileCommand): Promise<User> {
    const change: ProfileChange = {};
    if (command.displayName !== undefined) change.displayName = command.displayName;
    if (command.avatar === null) change.avatar = null;
    else if (command.avatar !== undefined) change.avatar = await this.avatarFrom(me, command.avatar);
    const user = await this.opts.store.users.setProfile(me.id, change);
    if (!user) throw notFound('no such user');
    await this.announce(user);
    return user;
  }

  private async avatarFrom(me: User, mediaId: string): Promise<string> {
    if (mediaId === me.avatar) return mediaId;
    const source = await this.opts.media.get(mediaId);
    // Mine, and still mine to see: a photo whose message was recalled is served to no one (media/access.ts).
    const mine =
      source?.ownerId === me.id && mayFetch(me.id, source, await this.opts.store.messages.mediaUse(mediaId, me.id));
    if (!source || !mine) throw notFound('no such media');
    if (source.kind !== 'image') throw badRequest('an avatar is an image');
    return (await makeAvatar(this.opts.media, source, me.id)).id;
  }

  /** Changes my password (401 on a wrong `current`); every other session of mine ends, its sockets closed. */
  async changePassword(me: User, session: SessionRecord, current: string, next: string): Promise<void> {
    await this.requirePassword(me, current);
    await this.opts.store.users.setPasswordHash(me.id, await this.opts.auth.hash(next));
    await this.opts.auth.endSessionsOf(me.id, session.id);
  }

  /** My live sessions, most recently seen first; `current` marks the one asking. */
  async sessions(me: User, current: SessionRecord): Promise<Session[]> {
    const records = await this.opts.store.sessions.listByUser(me.id, this.now().toISOString());
    return records.map((s) => ({
      id: s.id,
      current: s.id === current.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      userAgent: s.userAgent,
    }));
  }

  /** Ends one of my sessions by its id; another person's id (or an unknown one) is 404 and ends nothing. */
  async endSession(me: User, sessionId: string): Promise<void> {
    const session = await this.opts.store.sessions.byId(me.id, sessionId);
    if (!session) throw notFound('no such session');
    await this.opts.auth.endSession(session);
  }

  /** "Sign out all other sessions": every session of mine but the one asking. */
  async endOtherSessions(me: User, current: SessionRecord): Promise<void> {
    await this.opts.auth.endSessionsOf(me.id, current.id);
  }

  /**
   * Deletes my account (401 on a wrong password). The user stays as `deleted: true` (no password, no profile), so
   * my messages stay in the others' histories under "Deleted account"; my name stays taken, so no one else can
   * take it and be mistaken for me in those histories (message `name`s keep it). Then, in this order: the
   * account is marked deleted (nothing can sign in or send to it), contacts and blocks are forgotten, every session
   * ends (sockets close with 1008), push subscriptions go, and so do my uploads that no message carries (never
   * sent, or sent only in messages since recalled), and everyone with a chat with me gets `user_updated`. The
   * photos, files and voice messages I sent stay with those messages, in the others' histories, served to the
   * people of the chats they were sent or forwarded in: a message is kept whole, as its text is.
   */
  async deleteAccount(me: User, password: string): Promise<void> {
    await this.requirePassword(me, password);
    const { store } = this.opts;
    await store.users.markDeleted(me.id, this.now().toISOString());
    this.opts.userCache.forget(me.id);
    await this.opts.forgetRelations?.(me.id);
    await this.opts.auth.endSessionsOf(me.id);
    for (const sub of await store.push.listSubscriptions(me.id)) {
      await store.push.deleteSubscription(sub.endpoint, me.id);
    }
    await this.deleteUploads(me.id);
    const gone = await store.users.get(me.id);
    if (gone) await this.announce(gone);
  }

  /**
   * A scan of the media records (the port has no index by owner; a deletion is rare), deleting mine that no
   * message carries. Runs after the account is marked deleted, so my avatar no longer counts as in use.
   */
  private async deleteUploads(ownerId: string): Promise<void> {
    const before = new Date(this.now().getTime() + 1000).toISOString();
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.opts.media.listCreatedBefore(before, MEDIA_PAGE, after);
      for (const media of page) {
        if (media.ownerId === ownerId && !(await this.opts.inUse(media.id))) await this.opts.media.delete(media.id);
      }
      const last = page.at(-1);
      if (!last || page.length < MEDIA_PAGE) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  private async requirePassword(me: User, password: string): Promise<void> {
    if (!(await this.opts.auth.checkPassword(me.id, password))) {
      throw new AppError('unauthorized', 'wrong password');
    }
  }

  /** The user changed: every copy of them in chat boxes, this process's cache, and a `user_updated` frame. */
  private async announce(user: User): Promise<void> {
    const { store, bus } = this.opts;
    this.opts.userCache.forget(user.id);
    await store.chats.refreshPeer(user);
    const frame = { type: 'user_updated' as const, user };
    for (const owner of new Set([...(await store.chats.ownersWithPeer(user.id)), user.id])) {
      bus.publish({ kind: 'frame', userId: owner, frame });
    }
  }
}
