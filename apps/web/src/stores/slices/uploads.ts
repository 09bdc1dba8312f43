import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';

/**
 * A file on its way to `POST /api/media`, before it becomes a message: shown above the composer with its progress
 * and Cancel, or, when it failed, with Retry (the file is kept in memory until then).
 */
export interface UploadItem {
  id: string;
  chatId: string;
  /** The bytes to send (again, on retry) and the name they go under. */
  file: Blob;
  name: string;
  /** A voice message: its recorded length in ms, sent as `kind: "voice"` once stored. */
  voiceMs: number | null;
  /** Fraction sent, 0–1. */
  progress: number;
  status: 'uploading' | 'failed';
  /** The contract's error code of the last failure (`payload_too_large`, `network`, …), for the i18n key. */
  error: string | null;
  /** Stops the request in flight (XMLHttpRequest.abort); null when none is. */
  abort: (() => void) | null;
}

/** The uploads of this tab, by id, in the order they were started. */
export interface UploadsSlice {
  uploads: Record<string, UploadItem>;
  addUpload: (item: UploadItem) => void;
  /** The request for `id` went out (again): uploading from 0, stoppable with `abort`. */
  uploadStarted: (id: string, abort: () => void) => void;
  uploadProgress: (id: string, fraction: number) => void;
  uploadFailed: (id: string, error: string) => void;
  /** Done (stored and sent as a message) or cancelled: it leaves the list. */
  removeUpload: (id: string) => void;
}

export const uploadsInitial = { uploads: {} as Record<string, UploadItem> };

export const createUploadsSlice: StateCreator<AppState, [], [], UploadsSlice> = (set) => {
  const change = (id: string, patch: Partial<UploadItem>) =>
    set((s) => {
      const item = s.uploads[id];
      return item ? { uploads: { ...s.uploads, [id]: { ...item, ...patch } } } : {};
    });
  return {
    ...uploadsInitial,
    addUpload: (item) => set((s) => ({ uploads: { ...s.uploads, [item.id]: item } })),
    uploadStarted: (id, abort) => change(id, { status: 'uploading', progress: 0, error: null, abort }),
    uploadProgress: (id, fraction) => change(id, { progress: Math.min(1, Math.max(0, fraction)) }),
    uploadFailed: (id, error) => change(id, { status: 'failed', error, abort: null }),
    removeUpload: (id) =>
      set((s) => {
        if (!s.uploads[id]) return {};
        const { [id]: _gone, ...uploads } = s.uploads;
        return { uploads };
      }),
  };
};
