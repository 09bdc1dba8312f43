import type { ServerFrame, User } from '@pairchat/schema';
import type { EventBus } from '../realtime/bus/port.ts';
import type { Presence } from '../realtime/presence/port.ts';
import type { Store } from '../store/port.ts';
import { otherPerson, usersByIds } from './people.ts';

/**
 * Blocking (contract: `/api/blocks…`, WeChat's 加入黑名单): what a block stops is enforced by the chat service through
 * `MessagingPolicy`; this service records blocks and tells the people concerned. My own sockets get `block_updated`;
 * the blocked person is never told, but their view of my presence turns offline at once (as if I had gone offline)
 * and comes back when I unblock them. A block leaves a contact in place, as WeChat keeps the friend.
 */
export class BlockService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly presence: Pick<Presence, 'onlineAmong'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Blocks `userId`; blocking again changes nothing. 400 myself, 404 unknown or deleted. */
  async block(me: User, userId: string): Promise<void> {
    const other = await otherPerson(this.store, me, userId, 'block');
    if (!(await this.store.blocks.add(me.id, other.id, this.now().toISOString()))) return;
    this.publish(me.id, { type: 'block_updated', userId: other.id, blocked: true });
    await this.showPresence(me.id, other.id, false);
  }

  /** Unblocks `userId`; unblocking someone not blocked changes nothing. 400 myself, 404 unknown or deleted. */
  async unblock(me: User, userId: string): Promise<void> {
    const other = await otherPerson(this.store, me, userId, 'unblock');
    if (!(await this.store.blocks.remove(me.id, other.id))) return;
    this.publish(me.id, { type: 'block_updated', userId: other.id, blocked: false });
    const online = await this.presence.onlineAmong([me.id]);
    await this.showPresence(me.id, other.id, online.has(me.id));
  }

  /** The people I have blocked, most recently blocked first. */
  async list(me: User): Promise<User[]> {
    const records = await this.store.blocks.list(me.id);
    const users = await usersByIds(
      this.store,
      records.map((r) => r.blockedId),
    );
    return records.flatMap((r) => users.get(r.blockedId) ?? []);
  }

  /** Tells `viewer` that `userId` is (shown as) online or offline, if the viewer has a chat with them to show it in. */
  private async showPresence(userId: string, viewer: string, online: boolean): Promise<void> {
    if (!(await this.store.chats.find(viewer, userId))) return;
    this.publish(viewer, { type: 'presence', userId, online });
  }

  private publish(userId: string, frame: ServerFrame): void {
    this.bus.publish({ kind: 'frame', userId, frame });
  }
}
