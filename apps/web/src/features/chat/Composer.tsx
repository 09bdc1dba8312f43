import { useCallback, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { CONTENT_MAX, contentProblem, visibleLength, withoutControlCharacters, type Chat } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { sendMessage, typing } from '../../stores/chat-actions.ts';
import { messagePreview } from '../../lib/message-preview.ts';
import { useApp } from '../../stores/app-store.ts';
import { sendFiles, sendVoice } from '../../stores/media-actions.ts';
import { ComposerToolbar } from '../media/ComposerToolbar.tsx';
import { UploadList } from '../media/UploadList.tsx';
import { useVoiceRecorder } from '../media/voice-recorder.ts';
import { useSenderName } from '../people/use-name.ts';

/** The counter appears from this many characters, as a person nears the limit. */
const COUNTER_FROM = CONTENT_MAX - 500;
/** Counting stops here (about 2 µs a character, on every keystroke); a longer text shows "20000+". */
const COUNT_CAP = CONTENT_MAX * 5;

/**
 * Enter sends, Shift+Enter makes a new line; Enter that confirms an IME composition does not send. Text is measured
 * as the server measures it (`visibleLength`, `contentProblem` of @pairchat/schema: user-perceived characters, so 4000
 * emoji fit), after dropping the control characters a message may not hold (all but tab and line breaks). Nothing
 * is cut: a text over the limit, typed or pasted, stays whole, says so and cannot be sent.
 * The text area takes the direction of each paragraph's own script (`dir="auto"`, `unicode-bidi: plaintext`).
 * Above it, the toolbar (emoji, photo or file, voice) and this chat's uploads; an image or file pasted into it is
 * sent as a photo or file, and Space held in an empty box records a voice message (WeChat's hold-to-talk).
 */
export function Composer({ chat }: { chat: Chat }) {
  const t = useT();
  // The draft lives in the store, so it stays with this chat when I switch chats and across a reload.
  const text = useApp((s) => s.drafts[chat.id] ?? '');
  const setDraft = useApp((s) => s.setDraft);
  const quoting = useApp((s) => s.replyingTo[chat.id]);
  const quotedName = useSenderName(chat.peer, quoting?.from, quoting?.name);
  const setReplyingTo = useApp((s) => s.setReplyingTo);
  const setText = (value: string) => setDraft(chat.id, value);
  // A stray control character (pasted from a terminal, say) is dropped, not a reason the send button stays off.
  const clean = withoutControlCharacters(text);
  const trimmed = clean.trim();
  const count = visibleLength(trimmed, COUNT_CAP);
  const sendable = contentProblem(trimmed) === null;
  const tooLong = count > CONTENT_MAX;
  const send = () => {
    if (!sendable) return;
    sendMessage(chat, clean);
    setText('');
  };
  const box = useRef<HTMLTextAreaElement>(null);
  const voice = useVoiceRecorder(
    useCallback((blob: Blob, durationMs: number) => sendVoice(chat, blob, durationMs), [chat]),
    useCallback(() => window.alert(t('micUnavailable')), [t]),
  );
  const insert = (emoji: string) => {
    const el = box.current;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    setText(text.slice(0, at) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    sendFiles(chat, files);
  };
  const onKeyUp = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && voice.phase.state !== 'idle') voice.finish(true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && (text === '' || voice.phase.state !== 'idle') && voice.supported) {
      e.preventDefault();
      if (!e.repeat) void voice.start();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && quoting && voice.phase.state === 'idle') {
      // While recording, Escape cancels the recording only (ComposerToolbar); the quote stays.
      e.preventDefault();
      setReplyingTo(chat.id, null);
    }
  };
  return (
    <div className="composer">
      <UploadList chatId={chat.id} />
      <ComposerToolbar chat={chat} voice={voice} onEmoji={insert} />
      {quoting && (
        <div className="composer-quote">
          <span dir="auto">
            {t('quoting', { name: quotedName })}: {messagePreview(quoting, undefined, t).text}
          </span>
          <button type="button" aria-label={t('cancelQuote')} onClick={() => setReplyingTo(chat.id, null)}>
            ×
          </button>
        </div>
      )}
      <textarea
        aria-label={t('message')}
        aria-describedby="composer-count"
        aria-invalid={tooLong}
        dir="auto"
        value={text}
        rows={3}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value) typing(chat.peer.id);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onPaste={onPaste}
        ref={box}
      />
      <div className="composer-actions">
        <span id="composer-count" className="composer-count" aria-live="polite">
          {tooLong ? (
            <span className="over">
              {t('tooLong', { count: count >= COUNT_CAP ? `${COUNT_CAP}+` : count, max: CONTENT_MAX })}
            </span>
          ) : (
            count >= COUNTER_FROM && t('charCount', { count, max: CONTENT_MAX })
          )}
        </span>
        <button type="button" className="send" onClick={send} disabled={!sendable}>
          {t('send')}
        </button>
      </div>
    </div>
  );
}
