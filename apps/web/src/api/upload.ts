import { ErrorBodySchema, UploadMediaAnswerSchema, type Media } from '@pairchat/schema';
import { ApiError } from './client.ts';

/** A running upload: its answer, and the way to stop it. */
export interface Upload {
  /** The stored media; rejects with `ApiError` (code `network` for a dropped connection, `aborted` on cancel). */
  done: Promise<Media>;
  abort: () => void;
}

/**
 * Uploads one file to `POST /api/media` (multipart/form-data, one part named `file`, the contract) with
 * XMLHttpRequest, the one browser API that reports upload progress in every engine (fetch's request streams need
 * HTTP/2 and are Chromium-only). `onProgress` gets the fraction sent, 0–1. The answer is checked against the
 * shared schema; an error answer becomes an `ApiError` with its contract code (413 `payload_too_large`, 415
 * `unsupported_media_type`, …).
 */
export function uploadMedia(file: Blob, name: string, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Media>((resolve, reject) => {
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'upload cancelled'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const answer = UploadMediaAnswerSchema.safeParse(body);
        if (answer.success) resolve(answer.data.media);
        else reject(new ApiError(xhr.status, 'unavailable', 'unexpected answer'));
        return;
      }
      const error = ErrorBodySchema.safeParse(body);
      reject(
        error.success
          ? new ApiError(xhr.status, error.data.error.code, error.data.error.message)
          : new ApiError(xhr.status, 'unavailable', `HTTP ${xhr.status}`),
      );
    };
  });
  const form = new FormData();
  form.append('file', file, name);
  xhr.open('POST', '/api/media');
  xhr.withCredentials = true;
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
