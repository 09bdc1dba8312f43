import type { Chat } from '@pairchat/schema';
import { lazy, Suspense, useEffect, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { formatDuration } from '../../lib/media-format.ts';
import { sendFiles } from '../../stores/media-actions.ts';
import type { useVoiceRecorder } from './voice-recorder.ts';

// The picker and its code come with the first press of the emoji button, not with the first page.
const EmojiPanel = lazy(() => import('./EmojiPanel.tsx'));

/** How far outside the voice button a held pointer may go before the recording is cancelled ("slide away"). */
const SLIDE_AWAY_PX = 24;

/**
 * The row of tools above the message box, as in WeChat's desktop client: emoji, photo or file (a file chooser
 * that takes several), and hold-to-talk voice (press and hold the button, release to send; slide away or press
 * Escape to cancel; Space does the same from an empty message box, see Composer).
 */
export function ComposerToolbar(props: {
  chat: Chat;
  voice: ReturnType<typeof useVoiceRecorder>;
  onEmoji: (emoji: string) => void;
}) {
  const t = useT();
  const { voice } = props;
  const [emojiOpen, setEmojiOpen] = useState(false);
  const emojiButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Escape cancels a recording wherever the focus is: the button held with the mouse keeps it in the message box.
  const recording = voice.phase.state !== 'idle';
  const { finish } = voice;
  useEffect(() => {
    if (!recording) return;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      finish(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [recording, finish]);
  const closeEmoji = () => {
    setEmojiOpen(false);
    emojiButton.current?.focus();
  };
  const onVoiceMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (voice.phase.state === 'idle') return;
    const r = e.currentTarget.getBoundingClientRect();
    const m = SLIDE_AWAY_PX;
    if (e.clientX < r.left - m || e.clientX > r.right + m || e.clientY < r.top - m || e.clientY > r.bottom + m) {
      voice.finish(false);
    }
  };
  return (
    <div className="composer-toolbar" role="group" aria-label={t('composerTools')}>
      <button
        ref={emojiButton}
        type="button"
        className="tool"
        aria-label={t('emoji')}
        aria-expanded={emojiOpen}
        // The panel closes on a press outside it; this press toggles it instead.
        onPointerDown={(e) => e.stopPropagation()}
        onClick={() => setEmojiOpen((open) => !open)}
      >
        <span aria-hidden="true">☺</span>
      </button>
      <button type="button" className="tool" aria-label={t('sendFile')} onClick={() => fileInput.current?.click()}>
        <span aria-hidden="true">📁</span>
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          if (e.target.files) sendFiles(props.chat, Array.from(e.target.files));
          e.target.value = '';
        }}
      />
      {voice.supported && (
        <button
          type="button"
          className={`tool voice-button${voice.phase.state === 'idle' ? '' : ' recording'}`}
          aria-label={t('holdToTalk')}
          aria-pressed={voice.phase.state !== 'idle'}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.preventDefault();
            void voice.start();
          }}
          onPointerUp={() => voice.finish(true)}
          onPointerMove={onVoiceMove}
          onPointerCancel={() => voice.finish(false)}
          onKeyDown={(e) => {
            if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
              e.preventDefault();
              void voice.start();
            }
          }}
          onKeyUp={(e) => {
            if (e.key === ' ' || e.key === 'Enter') voice.finish(true);
          }}
          onContextMenu={(e) => e.preventDefault()}
        >
          <span aria-hidden="true">🎤</span>
        </button>
      )}
      <RecordingStatus phase={voice.phase} />
      {emojiOpen && (
        <Suspense fallback={<p className="emoji-note">{t('emojiLoading')}</p>}>
          <EmojiPanel
            onPick={(emoji) => {
              setEmojiOpen(false);
              props.onEmoji(emoji);
            }}
            onClose={closeEmoji}
          />
        </Suspense>
      )}
    </div>
  );
}

/**
 * "Recording 0:03 …": how long so far, and how to send or cancel; read out when it starts. After a hold too short
 * to send: "Too short", for two seconds.
 */
function RecordingStatus({ phase }: { phase: ReturnType<typeof useVoiceRecorder>['phase'] }) {
  const t = useT();
  const [now, setNow] = useState(Date.now());
  const recording = phase.state === 'recording';
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [recording]);
  return (
    <span className="recording-status" aria-live="polite">
      {recording && t('recording', { duration: formatDuration(Math.max(0, now - phase.startedAt)) })}
      {phase.state === 'idle' && phase.tooShort && t('voiceTooShort')}
    </span>
  );
}
