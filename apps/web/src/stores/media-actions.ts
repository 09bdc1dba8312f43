import type { Chat, Media } from '@pairchat/schema';
import { ApiError } from '../api/client.ts';
import { uploadMedia } from '../api/upload.ts';
import { get } from './actions.ts';
import { sendMedia } from './chat-actions.ts';

/**
 * Photos, files and voice messages (issue 13): each file is uploaded (`POST /api/media`, with progress, Cancel
 * and Retry), then sent as a message `{kind, mediaId}` through the optimistic send path of `actions.ts`. Plain
 * functions over the one store, like the other actions; the upload's file and abort live in the uploads slice.
 */

/**
 * The kind a stored media is sent as: voice when it was recorded as one, an image when the server measured it
 * (it sets `width`/`height` only for images it decoded, never for an SVG or a file merely named .png), else a
 * file (WeChat sends any other document as a file).
 */
export function kindOf(media: Media, recordedVoice: boolean): 'image' | 'file' | 'voice' {
  if (recordedVoice) return 'voice';
  return media.width !== undefined && media.height !== undefined ? 'image' : 'file';
}

/**
 * The error of an upload never sent because its file is empty: the server refuses a zero-byte file (400), and a
 * dropped folder or a file that is no longer there reads as one.
 */
export const EMPTY_FILE = 'empty_file';

/** Uploads each file (picked, pasted or dropped on the chat) and sends it to `chat` when stored. */
export function sendFiles(chat: Chat, files: Iterable<File>): void {
  for (const file of files) start(chat, file, file.name || 'file', null);
}

/** Uploads a recorded voice message of `durationMs` and sends it as `kind: "voice"`. */
export function sendVoice(chat: Chat, blob: Blob, durationMs: number): void {
  const ext = blob.type.includes('ogg') ? 'ogg' : 'webm';
  start(chat, blob, `voice-${new Date().toISOString().replace(/[:.]/g, '-')}.${ext}`, durationMs);
}

function start(chat: Chat, file: Blob, name: string, voiceMs: number | null): void {
  const id = crypto.randomUUID();
  get().addUpload({
    id,
    chatId: chat.id,
    file,
    name,
    voiceMs,
    progress: 0,
    status: 'uploading',
    error: null,
    abort: null,
  });
  if (file.size === 0) get().uploadFailed(id, EMPTY_FILE);
  else run(id);
}

function run(id: string): void {
  const item = get().uploads[id];
  if (!item) return;
  const upload = uploadMedia(item.file, item.name, (fraction) => get().uploadProgress(id, fraction));
  get().uploadStarted(id, upload.abort);
  upload.done.then(
    (media) => {
      const chat = get().chats.find((c) => c.id === item.chatId);
      get().removeUpload(id);
      if (chat) sendMedia(chat, kindOf(media, item.voiceMs !== null), media);
    },
    (err: unknown) => {
      const code = err instanceof ApiError ? err.code : 'network';
      if (code !== 'aborted') get().uploadFailed(id, code);
    },
  );
}

/** Stops an upload in flight, or drops a failed one: nothing is sent. */
export function cancelUpload(id: string): void {
  get().uploads[id]?.abort?.();
  get().removeUpload(id);
}

/** Sends a failed upload's file again from the start. */
export function retryUpload(id: string): void {
  if (get().uploads[id]?.status === 'failed') run(id);
}
