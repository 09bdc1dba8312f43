import { parseFile } from 'music-metadata';
import { UnreadableMediaError } from './inspect-errors.ts';

/** Sniffed types that may hold a voice recording: Ogg, and WebM (which the sniffer names video/webm). */
export const VOICE_CONTAINERS: ReadonlySet<string> = new Set(['audio/ogg', 'audio/opus', 'audio/webm', 'video/webm']);

export interface Voice {
  /** The type it is served as: `audio/ogg` or `audio/webm`. */
  mime: string;
  durationMs: number;
}

/**
 * Reads an Ogg or WebM container with music-metadata (its 11.x line runs on Node 20; 12.x needs Node 22): a voice
 * recording is Opus audio with no video track. Returns null for anything else in those containers (a Vorbis song, a
 * video), which is then kept as a plain file. The duration comes from the container (the last Ogg granule position;
 * WebM's Duration element, which Chromium's MediaRecorder leaves out: the web client writes it before uploading).
 * @throws UnreadableMediaError (415) when the container does not parse, or an Opus recording has no duration.
 */
export async function inspectVoice(file: string): Promise<Voice | null> {
  let format;
  try {
    ({ format } = await parseFile(file, { duration: true, skipCovers: true }));
  } catch {
    throw new UnreadableMediaError('not a readable Ogg or WebM recording');
  }
  // music-metadata names the codec 'Opus' in Ogg and 'OPUS' in WebM (Matroska's A_OPUS).
  if (format.codec?.toUpperCase() !== 'OPUS' || format.hasVideo) return null;
  if (format.duration === undefined || !Number.isFinite(format.duration) || format.duration < 0) {
    throw new UnreadableMediaError('a voice recording needs its duration in the container');
  }
  const mime = format.container?.toLowerCase().includes('webm') ? 'audio/webm' : 'audio/ogg';
  return { mime, durationMs: Math.round(format.duration * 1000) };
}
