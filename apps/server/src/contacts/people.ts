import type { User } from '@pairchat/schema';
import { badRequest, notFound } from '../errors.ts';
import type { Store } from '../store/port.ts';

/**
 * The other person of a contact request or a block, checked: 400 for myself, 404 for someone who does not exist or
 * whose account was deleted (the same answer, so an id reveals nothing more). `what` names the act in the 400's text.
 */
export async function otherPerson(store: Pick<Store, 'users'>, me: User, userId: string, what: string): Promise<User> {
  if (userId === me.id) throw badRequest(`you cannot ${what} yourself`);
  const user = await store.users.get(userId);
  if (!user || user.deleted) throw notFound('no such user');
  return user;
}

/** These people by id, in the order given; ids of people who no longer exist are left out. */
export async function usersByIds(store: Pick<Store, 'users'>, ids: string[]): Promise<Map<string, User>> {
  const users = await Promise.all([...new Set(ids)].map((id) => store.users.get(id)));
  return new Map(users.filter((u): u is User => u !== null).map((u) => [u.id, u]));
}
