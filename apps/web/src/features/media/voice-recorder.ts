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

/** Idle again after a hold shorter than `VOICE_MIN_MS` says so for this long, as WeChat's "Too short" does. */
const TOO_SHORT_SHOWN_MS = 2000;

/** Idle (`tooShort` right after a hold too short to send), waiting for the microphone, or recording. */
type Phase = { state: 'idle'; tooShort?: boolean } | { state: 'starting' } | { state: 'recording'; startedAt: number };

/**
 * Hold-to-talk recording with MediaRecorder. `start()` asks for the microphone and records; `finish(true)` stops
 * and hands the recording to `onDone` (unless it is shorter than `VOICE_MIN_MS`: then `phase.tooShort` is set for
 * two seconds, to say so), `finish(false)` throws it away.
 * A finish that comes while the microphone is still being granted is honoured once it is. Recording stops by
 * itself at `VOICE_MAX_MS`. The microphone is released whenever recording ends.
 */
export function useVoiceRecorder(onDone: (blob: Blob, durationMs: number) => void, onError: () => void) {
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const recorder = useRef<MediaRecorder | null>(null);
  /** What to do when the recording stops: send it or not; set by `finish`. */
  const keep = useRef(false);
  const finishEarly = useRef<boolean | null>(null);

  // The first finish of a recording decides: once it is stopping (cancelled by Escape, say), or cancelled while the
  // microphone is still being granted, the release of the key or button that follows cannot make it sent.
  const finish = useCallback((send: boolean) => {
    const r = recorder.current;
    if (!r) finishEarly.current ??= send;
    else if (r.state !== 'inactive') {
      keep.current = send;
      r.stop();
    }
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
      const durationMs = Date.now() - startedAt;
      const tooShort = keep.current && durationMs < VOICE_MIN_MS;
      setPhase(tooShort ? { state: 'idle', tooShort } : { state: 'idle' });
      if (!keep.current || tooShort) return;
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
  // "Too short" goes away by itself.
  useEffect(() => {
    if (phase.state !== 'idle' || !phase.tooShort) return;
    const timer = setTimeout(() => setPhase({ state: 'idle' }), TOO_SHORT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [phase]);
  // Leaving the chat mid-recording throws the recording away.
  useEffect(() => () => finish(false), [finish]);

  return { phase, start, finish, supported: voiceType() !== null };
}
