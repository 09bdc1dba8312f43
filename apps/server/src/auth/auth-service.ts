import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { legacyNameKey, nameKey, nameSkeleton, prepareName, type User } from '@pairchat/schema';
import { AppError, conflict } from '../errors.ts';
import { DuplicateError, type SessionRecord, type Store } from '../store/port.ts';
import { skeletonTakenByScan, type IsSkeletonTaken } from './name-guard.ts';
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
  /**
   * Whether a taken name has this confusable skeleton (`nameSkeleton`, UTS #39). Default: a scan of every user
   * through the store's user search ({@link skeletonTakenByScan}), until the store keeps an indexed skeleton.
   */
  isSkeletonTaken?: IsSkeletonTaken;
}

export class AuthService {
  private readonly now: () => Date;
  /** Verified against when the name is unknown, so a wrong name costs as much time as a wrong password. */
  private dummyHash: Promise<string> | undefined;
  private readonly isSkeletonTaken: IsSkeletonTaken;

  constructor(
    private readonly store: Store,
    private readonly opts: AuthServiceOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.isSkeletonTaken = opts.isSkeletonTaken ?? skeletonTakenByScan(store);
  }

  /**
   * Makes an account for `name` (already checked by `UserNameSchema`). 409 when a taken name has the same key (case
   * folded) or the same confusable skeleton ("аnа" with Cyrillic а against "ana").
   */
  async register(name: string, password: string): Promise<{ user: User; token: string }> {
    const user: User = { id: randomUUID(), name: prepareName(name) };
    if (await this.isSkeletonTaken(nameSkeleton(user.name))) throw conflict('that name looks like a taken name');
    const passwordHash = await hashPassword(password, this.opts.scryptLogN);
    try {
      await this.store.users.create({
        ...user,
        nameKey: nameKey(user.name),
        passwordHash,
        createdAt: this.now().toISOString(),
      });
    } catch (err) {
      if (err instanceof DuplicateError) throw conflict('that name is taken');
      throw err;
    }
    return { user, token: await this.startSession(user.id) };
  }

  /**
   * Signs in by name and password; 401 on a bad pair. The name is found by its key, then by the key names had before
   * Unicode case folding (`legacyNameKey`), so an account whose stored key was never migrated still signs in.
   */
  async login(name: string, password: string): Promise<{ user: User; token: string }> {
    const record = await this.findByName(name);
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.opts.scryptLogN);
    const ok = await verifyPassword(password, record?.passwordHash ?? (await this.dummyHash));
    if (!record || !ok) throw new AppError('unauthorized', 'wrong name or password');
    return { user: { id: record.id, name: record.name }, token: await this.startSession(record.id) };
  }

  private async findByName(name: string) {
    const key = nameKey(name);
    const found = await this.store.users.findByNameKey(key);
    const legacy = legacyNameKey(name);
    return found ?? (legacy === key ? null : this.store.users.findByNameKey(legacy));
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
