import type { KeyboardEvent } from 'react';
import { CONTENT_MAX, type Chat } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { sendMessage, typing } from '../../stores/actions.ts';
import { useApp } from '../../stores/app-store.ts';

/** Enter sends, Shift+Enter makes a new line; Enter that confirms an IME composition does not send. */
export function Composer({ chat }: { chat: Chat }) {
  const t = useT();
  // The draft lives in the store, so it stays with this chat when I switch chats and across a reload.
  const text = useApp((s) => s.drafts[chat.id] ?? '');
  const setDraft = useApp((s) => s.setDraft);
  const setText = (value: string) => setDraft(chat.id, value);
  const send = () => {
    if (!text.trim()) return;
    sendMessage(chat, text);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  return (
    <div className="composer">
      <textarea
        aria-label={t('message')}
        value={text}
        maxLength={CONTENT_MAX}
        rows={3}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value) typing(chat.peer.id);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="send" onClick={send} disabled={!text.trim()}>
        {t('send')}
      </button>
    </div>
  );
}
