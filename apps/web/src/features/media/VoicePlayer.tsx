import type { Media } from '@pairchat/schema';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { formatDuration } from '../../lib/media-format.ts';
import { mediaUrl } from '../../lib/media-url.ts';

/**
 * A voice message played inline, as WeChat's bubble does: one button plays or pauses, the length shows beside it,
 * and a progress bar follows the playback. The audio is fetched only when played (`preload="none"`); the server
 * answers range requests, so the browser can seek.
 */
export function VoicePlayer({ media }: { media: Media }) {
  const t = useT();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const durationMs = media.durationMs ?? 0;
  useEffect(() => {
    const el = audio.current;
    return () => el?.pause();
  }, []);
  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const fraction = durationMs > 0 ? Math.min(1, position / durationMs) : 0;
  return (
    <div className="voice-player">
      <button
        type="button"
        className="voice-toggle"
        aria-label={playing ? t('pauseVoice') : t('playVoice', { duration: formatDuration(durationMs) })}
        onClick={toggle}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <progress className="voice-progress" aria-label={t('voiceProgress')} max={1} value={fraction} />
      <span className="voice-duration">
        {playing || position > 0 ? `${formatDuration(position)} / ` : ''}
        {formatDuration(durationMs)}
      </span>
      <audio
        ref={audio}
        src={mediaUrl(media.id)}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime * 1000)}
      />
    </div>
  );
}
