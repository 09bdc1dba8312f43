import { nameKey, PasswordSchema, UserNameSchema } from '@pairchat/schema';
import { AuthService } from '../auth/auth-service.ts';
import type { Config } from '../config.ts';
import type { StoredUser, Store } from '../store/port.ts';
import { AdminError } from './admin-error.ts';
import { readPassword } from './password-input.ts';

/** One page of the account list. */
const LIST_PAGE = 500;

/**
 * The admin tool's account commands, on the store the server uses (the same configuration), so they work whether
 * the server runs or not. Ending sessions here removes them from the store only; a running server closes their
 * sockets within SESSION_CHECK_SECONDS (1 s by default: `realtime/session-guard.ts` re-checks every open socket's
 * session in one query), and refuses their tokens at once.
 */
export class AccountCommands {
  private readonly auth: AuthService;

  constructor(
    private readonly store: Store,
    config: Config,
    private readonly out: (line: string) => void,
  ) {
    this.auth = new AuthService(store, {
      scryptLogN: config.SCRYPT_LOG_N,
      sessionTtlSeconds: config.SESSION_TTL_DAYS * 86_400,
    });
  }

  /** `add-user <name>`: a new account; the password from stdin or a prompt. 409-like refusal when taken. */
  async addUser(name: string): Promise<void> {
    const checked = UserNameSchema.safeParse(name);
    if (!checked.success) throw new AdminError(`not a valid name: ${checked.error.issues[0]?.message ?? name}`);
    const password = await this.password();
    try {
      const user = await this.auth.createAccount(checked.data, password);
      this.out(`added ${user.name} (${user.id})`);
    } catch (err) {
      throw new AdminError(err instanceof Error ? err.message : String(err));
    }
  }

  /** `reset-password <name>`: a new password (stdin or a prompt); every session of the account ends. */
  async resetPassword(name: string): Promise<void> {
    const user = await this.find(name);
    const password = await this.password();
    await this.store.users.setPasswordHash(user.id, await this.auth.hash(password));
    const ended = await this.store.sessions.deleteByUser(user.id);
    this.out(`password of ${user.name} reset; ${ended.length} session(s) ended`);
  }

  /** `disable <name>`: the account cannot sign in, and every session of it ends. */
  async setDisabled(name: string, disabled: boolean): Promise<void> {
    const user = await this.find(name);
    await this.store.users.setDisabled(user.id, disabled);
    if (!disabled) {
      this.out(`enabled ${user.name}`);
      return;
    }
    const ended = await this.store.sessions.deleteByUser(user.id);
    this.out(`disabled ${user.name}; ${ended.length} session(s) ended`);
  }

  /** `list`: every account, by name, with its state. */
  async list(): Promise<void> {
    let after: string | undefined;
    this.out(['name', 'display name', 'state', 'created', 'id'].join('\t'));
    for (;;) {
      const page = await this.store.users.list(LIST_PAGE, after);
      for (const u of page) {
        const state = u.deleted ? 'deleted' : u.disabled ? 'disabled' : 'active';
        this.out([u.name, u.displayName ?? '-', state, u.createdAt, u.id].join('\t'));
      }
      if (page.length < LIST_PAGE) return;
      after = page.at(-1)!.nameKey;
    }
  }

  private async find(name: string): Promise<StoredUser> {
    const user = await this.store.users.findByNameKey(nameKey(name));
    if (!user || user.deleted === true) throw new AdminError(`no such user: ${name}`);
    return user;
  }

  private async password(): Promise<string> {
    const password = await readPassword();
    const checked = PasswordSchema.safeParse(password);
    if (!checked.success) throw new AdminError('a password is 8 to 128 characters');
    return checked.data;
  }
}
