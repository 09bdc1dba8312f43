import { useState } from 'react';
import type { Chat, Message } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { errorText } from '../../stores/actions.ts';
import { useApp } from '../../stores/app-store.ts';
import { deleteMessageForMe, recallMessage } from '../../stores/message-actions.ts';
import { ChatMenu } from '../chats/ChatMenu.tsx';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useName } from '../people/use-name.ts';
import { focusComposerOf } from './composer-focus.ts';
import { ForwardDialog } from './ForwardDialog.tsx';

/**
 * How long after sending the menu offers Recall: the server's default `RECALL_WINDOW_SECONDS` (WeChat's two
 * minutes). The server decides; a recall it refuses (403) says so.
 */
export const RECALL_WINDOW_MS = 120_000;

/**
 * A stored message's actions (WeChat's long-press menu): the ⋯ button that shows when the bubble has the focus
 * or the pointer, the menu itself (WAI-ARIA APG menu: arrow keys, Escape returns the focus to `onClose`'s
 * opener), and what its items open: the forward dialog, the delete confirmation, a short notice.
 */
export function MessageActions(props: {
  chat: Chat;
  message: Message;
  mine: boolean;
  open: boolean;
  onOpen: (opener: HTMLElement) => void;
  onClose: (returnFocus: boolean) => void;
}) {
  const { chat, message, mine } = props;
  const t = useT();
  const peerName = useName(chat.peer);
  const setReplyingTo = useApp((s) => s.setReplyingTo);
  const [dialog, setDialog] = useState<'forward' | 'delete' | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const text = message.kind === 'text' ? message.content : '';
  const recallable = mine && !message.recalled && Date.now() - Date.parse(message.date) < RECALL_WINDOW_MS;
  const fail = (err: unknown) => setNotice(errorText(err) === 'forbidden' ? 'recallTooLate' : 'actionFailed');
  const closeDialog = () => {
    setDialog(null);
    props.onClose(true);
  };
  const choose =
    (run: () => void, returnFocus = true) =>
    () => {
      props.onClose(returnFocus);
      run();
    };

  const items = message.recalled
    ? [{ label: t('deleteMessage'), onSelect: choose(() => setDialog('delete'), false) }]
    : [
        ...(text
          ? [
              {
                label: t('copy'),
                onSelect: choose(() => void navigator.clipboard?.writeText(text).then(() => setNotice('copied'))),
              },
            ]
          : []),
        {
          label: t('reply'),
          onSelect: choose(() => {
            setReplyingTo(chat.id, message);
            focusComposerOf(chat.id);
          }, false),
        },
        { label: t('forward'), onSelect: choose(() => setDialog('forward'), false) },
        ...(recallable
          ? [{ label: t('recall'), onSelect: choose(() => void recallMessage(chat.id, message).catch(fail)) }]
          : []),
        { label: t('deleteMessage'), onSelect: choose(() => setDialog('delete'), false) },
      ];

  return (
    <>
      <button
        type="button"
        className="message-menu-button"
        aria-label={t('messageActions')}
        aria-haspopup="menu"
        aria-expanded={props.open}
        onClick={(e) => props.onOpen(e.currentTarget)}
      >
        ⋯
      </button>
      {props.open && <ChatMenu items={items} onClose={() => props.onClose(true)} />}
      {notice && (
        <p className="message-notice" role="status" onAnimationEnd={() => setNotice(null)}>
          {t(notice)}
        </p>
      )}
      {dialog === 'forward' && <ForwardDialog message={message} onClose={closeDialog} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('deleteMessageTitle')}
          body={t('deleteMessageBody', { name: peerName })}
          confirm={t('delete')}
          cancel={t('cancel')}
          onCancel={closeDialog}
          onConfirm={() => {
            closeDialog();
            void deleteMessageForMe(chat.id, message.seq).catch(fail);
          }}
        />
      )}
    </>
  );
}
