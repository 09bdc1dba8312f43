import type { Media, MessageKind } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { formatBytes } from '../../lib/media-format.ts';
import { bubbleSize, mediaUrl, thumbnailUrl } from '../../lib/media-url.ts';
import { useApp } from '../../stores/app-store.ts';
import { VoicePlayer } from './VoicePlayer.tsx';

/**
 * What a media message shows in its bubble: a photo at thumbnail size with its box reserved from the stored
 * `width`/`height` before it loads (so the pinned list does not jump), which opens the full-size viewer; a file's
 * name, size and download link; a voice message's player.
 */
export function MediaContent({ chatId, kind, media }: { chatId: string; kind: MessageKind; media: Media }) {
  const t = useT();
  const setViewing = useApp((s) => s.setViewing);
  if (kind === 'image' && media.width !== undefined && media.height !== undefined) {
    const size = bubbleSize(media.width, media.height);
    return (
      <button
        type="button"
        className="photo-button"
        aria-label={t('openPhoto')}
        aria-haspopup="dialog"
        onClick={() => setViewing({ chatId, mediaId: media.id })}
      >
        <img src={thumbnailUrl(media.id)} alt="" width={size.width} height={size.height} style={size} />
      </button>
    );
  }
  if (kind === 'voice') return <VoicePlayer media={media} />;
  return (
    <div className="file-card">
      <span className="file-icon" aria-hidden="true">
        📄
      </span>
      <span className="file-text">
        <span className="file-name" dir="auto">
          {media.name}
        </span>
        <span className="file-size">{formatBytes(media.size)}</span>
      </span>
      <a
        className="file-download"
        href={mediaUrl(media.id)}
        download={media.name}
        aria-label={t('downloadFile', { name: media.name })}
      >
        {t('download')}
      </a>
    </div>
  );
}
