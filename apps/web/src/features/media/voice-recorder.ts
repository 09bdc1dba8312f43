import { useCallback, useEffect, useRef, useState } from 'react';

/** Opus in Ogg where the browser records it (Firefox), else Opus in WebM (Chromium); the server reads both. */
const VOICE_TYPES = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus'] as const;
/** Shorter than this is a slip of the finger, as in WeChat ("Too short"): not sent. */
export const VOICE_MIN_MS = 700;
/** WeChat's limit for one voice message. */
export const VOICE_MAX_MS = 60_000;

/** The first of `VOICE_TYPES` this browser's MediaRecorder supports, or null (then voice is not offered). */
export function voiceType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return VOICE_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

/**
 * Chromium's MediaRecorder writes WebM without a Duration element (a live stream's header is written before the
 * length is known); the server needs the length, so it is written in before upload with `fix-webm-duration`
 * (loaded only when a WebM recording is made).
 */
async function withDuration(blob: Blob, durationMs: number): Promise<Blob> {
  if (!blob.type.includes('webm')) return blob;
  const { default: fixWebmDuration } = await import('fix-webm-duration');
  return fixWebmDuration(blob, durationMs, { logger: false });
}

type Phase = { state: 'idle' } | { state: 'starting' } | { state: 'recording'; startedAt: number };

/**
 * Hold-to-talk recording with MediaRecorder. `start()` asks for the microphone and records; `finish(true)` stops
 * and hands the recording to `onDone` (unless it is shorter than `VOICE_MIN_MS`), `finish(false)` throws it away.
 * A finish that comes while the microphone is still being granted is honoured once it is. Recording stops by
 * itself at `VOICE_MAX_MS`. The microphone is released whenever recording ends.
 */
export function useVoiceRecorder(onDone: (blob: Blob, durationMs: number) => void, onError: () => void) {
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const recorder = useRef<MediaRecorder | null>(null);
  /** What to do when the recording stops: send it or not; set by `finish`. */
  const keep = useRef(false);
  const finishEarly = useRef<boolean | null>(null);

  const finish = useCallback((send: boolean) => {
    keep.current = send;
    const r = recorder.current;
    if (r && r.state !== 'inactive') r.stop();
    else finishEarly.current = send;
  }, []);

  const start = useCallback(async () => {
    const type = voiceType();
    if (!type || recorder.current) return;
    finishEarly.current = null;
    setPhase({ state: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setPhase({ state: 'idle' });
      onError();
      return;
    }
    const r = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    let startedAt = Date.now();
    r.ondataavailable = (e) => chunks.push(e.data);
    r.onstop = () => {
      stream.getTracks().forEach((track) => track.stop());
      recorder.current = null;
      setPhase({ state: 'idle' });
      const durationMs = Date.now() - startedAt;
      if (!keep.current || durationMs < VOICE_MIN_MS) return;
      void withDuration(new Blob(chunks, { type: r.mimeType || type }), durationMs).then(
        (blob) => onDone(blob, durationMs),
        onError,
      );
    };
    recorder.current = r;
    r.start();
    startedAt = Date.now();
    setPhase({ state: 'recording', startedAt });
    if (finishEarly.current !== null) finish(finishEarly.current);
  }, [finish, onDone, onError]);

  // The limit: stop and send, as WeChat does at 60 seconds.
  useEffect(() => {
    if (phase.state !== 'recording') return;
    const timer = setTimeout(() => finish(true), VOICE_MAX_MS - (Date.now() - phase.startedAt));
    return () => clearTimeout(timer);
  }, [phase, finish]);
  // Leaving the chat mid-recording throws the recording away.
  useEffect(() => () => finish(false), [finish]);

  return { phase, start, finish, supported: voiceType() !== null };
}
