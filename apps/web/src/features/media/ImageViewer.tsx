import type { Media } from '@pairchat/schema';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { mediaUrl } from '../../lib/media-url.ts';
import { useApp } from '../../stores/app-store.ts';

/**
 * The full-size photo viewer (WeChat's desktop image viewer): a modal native <dialog>, so focus stays inside and
 * Escape closes it; focus then goes back to the photo that opened it (the browser's dialog focus restoring, WAI-ARIA
 * APG modal dialog pattern). The arrow keys, or the two buttons, move through the photos of the chat in the order
 * they were sent.
 */
export function ImageViewer({ chatId }: { chatId: string }) {
  const t = useT();
  const viewing = useApp((s) => (s.viewing?.chatId === chatId ? s.viewing : null));
  const setViewing = useApp((s) => s.setViewing);
  const messages = useApp((s) => s.histories[chatId]?.messages);
  const photos = useMemo<Media[]>(
    () => (messages ?? []).flatMap((m) => (m.kind === 'image' && !m.recalled && m.media?.width ? [m.media] : [])),
    [messages],
  );
  const ref = useRef<HTMLDialogElement>(null);
  const index = viewing ? photos.findIndex((p) => p.id === viewing.mediaId) : -1;
  const photo = photos[index];
  const open = photo !== undefined;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const move = (step: number) => {
    const next = photos[index + step];
    if (next) setViewing({ chatId, mediaId: next.id });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
    else return;
    e.preventDefault();
  };
  const title = open ? t('viewerTitle', { index: index + 1, count: photos.length }) : '';
  return (
    <dialog
      ref={ref}
      className="image-viewer"
      aria-label={title}
      onKeyDown={onKeyDown}
      onClose={() => setViewing(null)}
      onClick={(e) => {
        if (e.target === e.currentTarget) setViewing(null); // a click on the backdrop
      }}
    >
      {photo && (
        <>
          <p className="viewer-title" aria-live="polite">
            {title}
          </p>
          <img
            src={mediaUrl(photo.id)}
            alt={photo.name}
            width={photo.width}
            height={photo.height}
            className="viewer-image"
          />
          <div className="viewer-actions">
            <button type="button" aria-label={t('previousPhoto')} disabled={index <= 0} onClick={() => move(-1)}>
              ‹
            </button>
            <a href={mediaUrl(photo.id)} download={photo.name}>
              {t('download')}
            </a>
            <button
              type="button"
              aria-label={t('nextPhoto')}
              disabled={index >= photos.length - 1}
              onClick={() => move(1)}
            >
              ›
            </button>
            <button type="button" autoFocus onClick={() => setViewing(null)}>
              {t('close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
