import { EmojiPicker } from 'frimousse';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';

/**
 * Where the emoji data is served from: Emojibase's JSON for English and Chinese, copied into the build by
 * vite.config.ts (the CSP allows no other origin, so frimousse's default CDN cannot be used).
 */
export const EMOJIBASE_URL = '/emojibase';

/**
 * The emoji panel (frimousse: unstyled, keyboard-navigable, React 19), in the interface's language. Loaded with a
 * dynamic `import()` only when the emoji button is first pressed, so the first page does not carry it. The search
 * field takes the focus; Escape closes the panel; a chosen emoji goes into the message at the caret.
 */
export default function EmojiPanel(props: { onPick: (emoji: string) => void; onClose: () => void }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const box = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [onClose]);
  return (
    <div
      ref={box}
      className="emoji-panel"
      role="dialog"
      aria-label={t('emoji')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <EmojiPicker.Root
        className="emoji-root"
        locale={lang}
        emojibaseUrl={EMOJIBASE_URL}
        columns={8}
        onEmojiSelect={({ emoji }) => props.onPick(emoji)}
      >
        <EmojiPicker.Search
          className="emoji-search"
          aria-label={t('emojiSearch')}
          placeholder={t('emojiSearch')}
          autoFocus
        />
        <EmojiPicker.Viewport className="emoji-viewport">
          <EmojiPicker.Loading className="emoji-note">{t('emojiLoading')}</EmojiPicker.Loading>
          <EmojiPicker.Empty className="emoji-note">{t('emojiNone')}</EmojiPicker.Empty>
          <EmojiPicker.List className="emoji-list" />
        </EmojiPicker.Viewport>
      </EmojiPicker.Root>
    </div>
  );
}
