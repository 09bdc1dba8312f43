import { useEffect, useState } from 'react';
import { searchQueryProblem, type SearchResult } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../stores/app-store.ts';
import { searchMessages } from '../../stores/message-actions.ts';
import { useDebounced } from '../use-debounced.ts';

/** How long typing must pause before a search goes out. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The server's message search for `q` as it is typed (debounced), in one chat or all of mine. Results this tab
 * has since learned are recalled or deleted for me drop out at once, without asking again. `searching` is true
 * while the answer for the current text is not in.
 */
export function useMessageSearch(q: string, chatId?: string) {
  const query = useDebounced(q.trim(), SEARCH_DEBOUNCE_MS);
  const [answer, setAnswer] = useState<{ q: string; results: SearchResult[] }>({ q: '', results: [] });
  const valid = query !== '' && searchQueryProblem(query) === null;
  useEffect(() => {
    if (!valid) return;
    let current = true;
    searchMessages(query, chatId).then(
      (results) => current && setAnswer({ q: query, results }),
      () => current && setAnswer({ q: query, results: [] }),
    );
    return () => {
      current = false;
    };
  }, [query, chatId, valid]);
  const gone = useApp(useShallow((s) => ({ histories: s.histories, hiddenSeqs: s.hiddenSeqs })));
  const results = (valid && answer.q === query ? answer.results : []).filter(({ chatId: id, message }) => {
    if (gone.hiddenSeqs[id]?.includes(message.seq)) return false;
    return !gone.histories[id]?.messages.some((m) => m.id === message.id && m.recalled);
  });
  return { results, query, searching: valid && (answer.q !== query || q.trim() !== query) };
}
