import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { legacyNameKey, nameKey, nameSkeleton, prepareName, type User } from '@pairchat/schema';
import { AppError, conflict } from '../errors.ts';
import { NameTakenError, type SessionRecord, type Store, type StoredUser } from '../store/port.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

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
  async register(name: string, password: string): Promise<{ user: User; token: string }> {
    const user: User = { id: randomUUID(), name: prepareName(name) };
    const passwordHash = await hashPassword(password, this.opts.scryptLogN);
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
    return { user, token: await this.startSession(user.id) };
  }

  /**
   * Signs in by name and password; 401 on a bad pair. The accounts a name may mean: the one holding its key, and the
   * one holding the key names had before Unicode case folding (`legacyNameKey`), which an account keeps when its new
   * key was already taken (`name-guard.ts`: "Straße" stored before "STRASSE" took "strasse"). The password picks
   * between them; an unknown name costs one hash all the same, so a wrong name takes as long as a wrong password.
   */
  async login(name: string, password: string): Promise<{ user: User; token: string }> {
    const candidates = await this.accountsNamed(name);
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.opts.scryptLogN);
    if (candidates.length === 0) await verifyPassword(password, await this.dummyHash);
    for (const record of candidates) {
      if (await verifyPassword(password, record.passwordHash)) {
        return { user: { id: record.id, name: record.name }, token: await this.startSession(record.id) };
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
   * Ends a session: its token stops working, then its sockets close on every process (`onSessionEnded`). The one way
   * a session ends before it expires — logout, and later a password change, a disabled account or a session ended
   * from a list of devices — so no path can forget the sockets. Expiry needs no call: sockets close at their
   * session's expiry by themselves (`realtime/session-guard.ts`).
   */
  async endSession(session: SessionRecord): Promise<void> {
    await this.store.sessions.delete(session.tokenHash);
    this.opts.onSessionEnded?.(session);
  }

  /** The session's user, or null when the token is unknown, expired or logged out. */
  async authenticate(token: string): Promise<Authenticated | null> {
    if (token.length === 0 || token.length > 256) return null;
    const session = await this.store.sessions.get(hashToken(token), this.now().toISOString());
    if (!session) return null;
    const user = await this.store.users.get(session.userId);
    return user ? { user, session } : null;
  }

  get sessionTtlSeconds(): number {
    return this.opts.sessionTtlSeconds;
  }

  private async startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.store.sessions.create({
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.sessionTtlSeconds * 1000).toISOString(),
    });
    return token;
  }
}
