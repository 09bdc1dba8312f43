import { useEffect, useState } from 'react';
import type { UserWithPresence } from '@pairchat/schema';
import { searchUsers } from '../stores/contact-actions.ts';

/**
 * The directory's people whose name contains `q` (the server's `GET /api/users?q=`), for a text already
 * debounced by the caller. Only the answer for this very `q` is shown: until it lands the list is empty (an answer
 * for an older text, or the whole directory before the debounce, would move rows under the pointer as it is
 * replaced), and an empty `q` asks nothing.
 */
export function useDirectory(q: string): UserWithPresence[] {
  const [found, setFound] = useState<{ q: string; people: UserWithPresence[] }>({ q: '', people: [] });
  useEffect(() => {
    if (q === '') return;
    let current = true;
    searchUsers(q).then(
      (people) => current && setFound({ q, people }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [q]);
  return found.q === q ? found.people : [];
}
