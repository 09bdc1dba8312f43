import { useEffect, useRef, useState } from 'react';
import type { Message } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../stores/app-store.ts';
import { nameIn, nameMatches } from '../../stores/names.ts';
import { forwardMessage, type ForwardTarget } from '../../stores/message-actions.ts';
import { SearchField } from '../SearchField.tsx';
import { useDebounced } from '../use-debounced.ts';
import { useDirectory } from '../use-directory.ts';

/** One row of the dialog: a chat of mine or a person from the directory I have no chat with yet. */
interface Choice {
  key: string;
  name: string;
  target: ForwardTarget;
}

/**
 * WeChat's "Forward to": my chats and people from the directory, narrowed by a search (anywhere in the name, any
 * case), any number of them ticked, then one Send that forwards the message to each (see `forwardMessage`).
 * A modal <dialog>: the focus stays inside, Escape cancels.
 */
export function ForwardDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const { chats, contacts, lang } = useApp(useShallow((s) => ({ chats: s.chats, contacts: s.contacts, lang: s.lang })));
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [chosen, setChosen] = useState<Record<string, ForwardTarget>>({});
  const [failed, setFailed] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const people = useDirectory(query);

  const needle = query.toLowerCase();
  const withChat = new Set(chats.map((c) => c.peer.id));
  const choices: Choice[] = [
    ...chats
      .filter((c) => nameMatches({ contacts, lang }, c.peer, needle))
      .map((c) => ({ key: c.id, name: nameIn({ contacts, lang }, c.peer), target: { chatId: c.id } })),
    ...people
      .filter((u) => !withChat.has(u.id))
      .map((u) => ({ key: `user-${u.id}`, name: nameIn({ contacts, lang }, u), target: { peerId: u.id } })),
  ];
  const count = Object.keys(chosen).length;
  const toggle = (c: Choice) =>
    setChosen(({ [c.key]: was, ...others }) => (was ? others : { ...others, [c.key]: c.target }));
  const send = async () => {
    setSending(true);
    const missed = await forwardMessage(message, Object.values(chosen));
    setSending(false);
    if (missed.length === 0) onClose();
    else setFailed(missed.length);
  };

  return (
    <dialog ref={ref} className="dialog forward-dialog" aria-labelledby="forward-title" onCancel={onClose}>
      <h2 id="forward-title">{t('forwardTitle')}</h2>
      <SearchField value={q} onChange={setQ} label={t('forwardSearch')} maxLength={32} autoFocus />
      <ul className="forward-list" aria-label={t('forwardTitle')}>
        {choices.map((c) => (
          <li key={c.key}>
            <label>
              <input type="checkbox" checked={c.key in chosen} onChange={() => toggle(c)} />
              <span dir="auto">{c.name}</span>
            </label>
          </li>
        ))}
        {choices.length === 0 && <li className="empty-list">{t('noResults')}</li>}
      </ul>
      {failed > 0 && <p role="alert">{t('forwardFailed', { count: failed })}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" disabled={count === 0 || sending} onClick={() => void send()}>
          {t('forwardSend', { count })}
        </button>
      </div>
    </dialog>
  );
}
