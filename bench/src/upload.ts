// One media upload as a browser makes it, shared by the media scenario and its uploader process.
import { performance } from 'node:perf_hooks';

/** A file to upload: its bytes (a Blob, e.g. `fs.openAsBlob`, read from disk as it is sent) and the client's name. */
export interface UploadFile {
  name: string;
  blob: Blob;
}

/**
 * One multipart upload (`POST /api/media`, one part named `file`); resolves with its time to 201 in ms.
 * @throws when the answer is not 201, or when `signal` aborts it.
 */
export async function uploadOnce(base: string, token: string, file: UploadFile, signal?: AbortSignal): Promise<number> {
  const form = new FormData();
  form.append('file', file.blob, file.name);
  const t = performance.now();
  const res = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
    signal,
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`upload of ${file.name}: HTTP ${res.status}`);
  return performance.now() - t;
}
