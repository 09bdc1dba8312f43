import { useEffect, useState } from 'react';
import type { UserWithPresence } from '@pairchat/schema';
import { searchUsers } from '../stores/contact-actions.ts';

/**
 * The directory's people whose name contains `q` (the server's `GET /api/users?q=`), for a text already
 * debounced by the caller; an answer for an older text that lands late is dropped.
 */
export function useDirectory(q: string): UserWithPresence[] {
  const [people, setPeople] = useState<UserWithPresence[]>([]);
  useEffect(() => {
    let current = true;
    searchUsers(q).then(
      (found) => current && setPeople(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [q]);
  return people;
}
