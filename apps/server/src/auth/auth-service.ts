import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { legacyNameKey, nameKey, nameSkeleton, prepareName, type User } from '@pairchat/schema';
import { AppError, conflict } from '../errors.ts';
import { NameTakenError, toUser, type SessionRecord, type Store, type StoredUser } from '../store/port.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A session's `lastSeenAt` is written at most this often (ms): using a session is not a write per request. */
export const LAST_SEEN_EVERY_MS = 60_000;
/** The most characters of a sign-in's `User-Agent` kept with its session. */
export const USER_AGENT_MAX = 256;

export interface Authenticated {
  user: User;
  session: SessionRecord;
}

export interface AuthServiceOptions {
  scryptLogN: number;
  /** How long a session lives from sign-in, in seconds. */
  sessionTtlSeconds: number;
  /**
   * Told of every session ended before its expiry (`endSession`), after it is removed from the store: the app closes
   * the session's sockets on every process from here (a `close-session` event on the bus).
   */
  onSessionEnded?: (session: SessionRecord) => void;
  now?: () => Date;
}

export class AuthService {
  private readonly now: () => Date;
  /** Verified against when the name is unknown, so a wrong name costs as much time as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly opts: AuthServiceOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Makes an account for `name` (already checked by `UserNameSchema`). 409 when a taken name has the same key (case
   * folded: "that name is taken") or the same confusable skeleton ("аоі" in Cyrillic against "aoi": "that name looks
   * like a taken name"); the store's unique indexes decide, so two registrations at once cannot both win.
   */
  async register(name: string, password: string, userAgent?: string): Promise<{ user: User; token: string }> {
    const user = await this.createAccount(name, password);
    return { user, token: await this.startSession(user.id, userAgent) };
  }

  /** Makes an account without signing in (the admin tool); the same checks and 409s as `register`. */
  async createAccount(name: string, password: string): Promise<User> {
    const user = toUser({ id: randomUUID(), name: prepareName(name) });
    const passwordHash = await this.hash(password);
    try {
      await this.store.users.create({
        ...user,
        nameKey: nameKey(user.name),
        nameSkeleton: nameSkeleton(user.name),
        passwordHash,
        createdAt: this.now().toISOString(),
      });
    } catch (err) {
      if (err instanceof NameTakenError) {
        throw conflict(err.index === 'nameKey' ? 'that name is taken' : 'that name looks like a taken name');
      }
      throw err;
    }
    return user;
  }

  /** A password's scrypt hash at this server's cost. */
  hash(password: string): Promise<string> {
    return hashPassword(password, this.opts.scryptLogN);
  }

  /**
   * Signs in by name and password; 401 on a bad pair. The accounts a name may mean: the one holding its key, and the
   * one holding the key names had before Unicode case folding (`legacyNameKey`), which an account keeps when its new
   * key was already taken (`name-guard.ts`: "Straße" stored before "STRASSE" took "strasse"). The password picks
   * between them; an unknown name costs one hash all the same, so a wrong name takes as long as a wrong password.
   * A disabled or deleted account gets the same 401 as a bad pair (its password is still checked first, so the
   * answer's timing says nothing either).
   */
  async login(name: string, password: string, userAgent?: string): Promise<{ user: User; token: string }> {
    // A deleted account has no password (no hash can match); it is left out as if the name were unknown.
    const candidates = (await this.accountsNamed(name)).filter((r) => r.deleted !== true && r.passwordHash !== '');
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.opts.scryptLogN);
    if (candidates.length === 0) await verifyPassword(password, await this.dummyHash);
    for (const record of candidates) {
      if (await verifyPassword(password, record.passwordHash)) {
        if (record.disabled) break;
        return { user: toUser(record), token: await this.startSession(record.id, userAgent) };
      }
    }
    throw new AppError('unauthorized', 'wrong name or password');
  }

  private async accountsNamed(name: string): Promise<StoredUser[]> {
    const key = nameKey(name);
    const legacy = legacyNameKey(name);
    const found = await Promise.all(
      [key, ...(legacy === key ? [] : [legacy])].map((k) => this.store.users.findByNameKey(k)),
    );
    return found.filter((r, i): r is StoredUser => r !== null && found.findIndex((o) => o?.id === r.id) === i);
  }

  /**
   * Ends a session: its token stops working, then its sockets close on every process (`onSessionEnded`). With
   * `endSessionsOf`, the one way a session ends before it expires — logout, a session ended from my list of sessions,
   * a password change, a disabled or deleted account — so no path can forget the sockets. Expiry needs no call:
   * sockets close at their session's expiry by themselves (`realtime/session-guard.ts`). The admin tool, in another
   * process, removes sessions from the store only: the session guard's sweep closes their sockets.
   */
  async endSession(session: SessionRecord): Promise<void> {
    await this.store.sessions.delete(session.tokenHash);
    this.opts.onSessionEnded?.(session);
  }

  /**
   * Ends every session of the user but `exceptId` (all of them without it): a password change, "sign out all
   * others", a disabled or deleted account. Each ended session's sockets close on every process.
   */
  async endSessionsOf(userId: string, exceptId?: string): Promise<number> {
    const ended = await this.store.sessions.deleteByUser(userId, exceptId);
    for (const session of ended) this.opts.onSessionEnded?.(session);
    return ended.length;
  }

  /** Whether `password` is the user's current one (false for an unknown, deleted or password-less account). */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const record = await this.store.users.account(userId);
    if (!record || record.deleted === true || record.passwordHash === '') return false;
    return verifyPassword(password, record.passwordHash);
  }

  /**
   * The session's user, or null when the token is unknown, expired or logged out, or the account is deleted or
   * disabled. Refreshes the session's `lastSeenAt` when it is over LAST_SEEN_EVERY_MS old.
   */
  async authenticate(token: string): Promise<Authenticated | null> {
    if (token.length === 0 || token.length > 256) return null;
    const now = this.now();
    const session = await this.store.sessions.get(hashToken(token), now.toISOString());
    if (!session) return null;
    const user = await this.store.users.get(session.userId);
    if (!user || user.deleted === true) return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) >= LAST_SEEN_EVERY_MS) {
      session.lastSeenAt = now.toISOString();
      await this.store.sessions.touch(session.tokenHash, session.lastSeenAt);
    }
    return { user, session };
  }

  get sessionTtlSeconds(): number {
    return this.opts.sessionTtlSeconds;
  }

  private async startSession(userId: string, userAgent: string | undefined): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.store.sessions.create({
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.sessionTtlSeconds * 1000).toISOString(),
      lastSeenAt: now.toISOString(),
      userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    });
    return token;
  }
}
