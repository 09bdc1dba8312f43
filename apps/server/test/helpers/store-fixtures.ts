import { randomUUID } from 'node:crypto';
import type { User } from '@pairchat/schema';
import { toUser, type NewMessage, type Store } from '../../src/store/port.ts';

/**
 * A user stored straight through the port (name key and skeleton = the name lower-cased), for tests below the HTTP
 * layer.
 */
export async function storeUser(store: Store, name: string, createdAt = new Date().toISOString()): Promise<User> {
  const user = toUser({ id: randomUUID(), name });
  const key = name.toLowerCase();
  await store.users.create({ ...user, nameKey: key, nameSkeleton: key, passwordHash: 'h', createdAt });
  return user;
}

/** A text message from `from` to `to` as the append primitive takes it; `extra` overrides any field. */
export function newMessage(
  from: User,
  to: User,
  content: string,
  date: string,
  extra: Partial<NewMessage> = {},
): NewMessage {
  return {
    id: randomUUID(),
    from,
    to,
    clientId: randomUUID(),
    kind: 'text',
    content,
    media: null,
    replyTo: null,
    date,
    newChatIds: { sender: randomUUID(), recipient: randomUUID() },
    ...extra,
  };
}
