import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, badRequest, unavailable } from '../../errors.ts';
import { FLUSH_AFTER_BYTES, FlushingFileStream } from '../../media/flushing-file-stream.ts';
import type { SpooledUpload } from '../../media/ingest.ts';
import { PRIVATE_FILE_MODE } from '../../private-files.ts';

/** An upload that sends nothing for this long is cut off, so a stalled client never holds a spool file forever. */
const UPLOAD_IDLE_MS = 60_000;
/** What a one-file form adds to its file: boundaries, the part's headers (at most 20 pairs), a trailing CRLF. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const ONE_PART = 'send exactly one part: a file named "file"';
/** How long the rest of a refused body is read and dropped, at most (see {@link lingerAfterRefusal}). */
const LINGER_MS = 10_000;

/**
 * Which parts are files: busboy's rule (a `filename`, or the type `application/octet-stream`), and also the part
 * named `file` with a type of its own. A File with an empty name is sent by Node's fetch (undici) without a
 * `filename`, which busboy would take for a text field; a text field has no type of its own (busboy's default
 * `text/plain`), so `file` as a text field is still refused.
 */
const isPartAFile = (fieldName: string | undefined, contentType: string | undefined, fileName: string | undefined) =>
  fileName !== undefined ||
  contentType === 'application/octet-stream' ||
  (fieldName === 'file' && contentType !== 'text/plain');

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `a file is at most ${maxBytes} bytes (${(maxBytes / 1024 / 1024).toFixed(1)} MiB)`);

/**
 * The contract's answer for a failure while reading the multipart body: the size limit is 413; a malformed,
 * truncated or cut-off body (the client gone too), or too many parts, is 400; no space to spool it is 503. Anything else is rethrown.
 */
function classify(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return badRequest(ONE_PART);
  if (code === 'ENOSPC' || code === 'EDQUOT') return unavailable('no space to receive the upload; try again later');
  // The client went away mid-body (a cancelled upload, a closed tab): nobody reads the answer, and it is not a 500.
  if (code === 'ECONNRESET' || code === 'ECONNABORTED') return badRequest('the upload was cut off');
  // @fastify/multipart's own errors (FST_…) and busboy's (plain errors: "Unexpected end of form", "Malformed part
  // header", a missing boundary, the client going away) all say the body is not a complete multipart form.
  if (typeof code === 'string' && code.startsWith('FST_'))
    return badRequest(`bad multipart body: ${(err as Error).message}`);
  if (err instanceof Error && code === undefined) return badRequest(`bad multipart body: ${err.message}`);
  return err;
}

/**
 * Streams the one `file` part of a multipart upload into a private spool folder (0700, file 0600) made in
 * `spoolDir` (the media store's, so the file can be moved into it; null: the system's temporary folder), never holding
 * it in memory, at most `maxBytes` (413 beyond). Refuses (400) a body that is not multipart, is truncated or
 * malformed, has no `file` part, has more than one part, or holds an empty file. The caller removes `dir`
 * afterwards; on failure it is removed here. `dir` is in `spools` from the moment it exists (so a shutdown can
 * remove what it cuts off, see the media routes); the caller takes it out once it has removed it.
 */
export async function receiveUpload(
  req: FastifyRequest,
  maxBytes: number,
  spoolDir: string | null,
  spools: Set<string>,
): Promise<SpooledUpload> {
  if (!req.isMultipart()) throw badRequest(`not multipart/form-data: ${ONE_PART}`);
  // The body is the file plus the form's boundaries and part headers: a declared length beyond that is refused before
  // a byte is read (bytes outside the file part would otherwise be read and dropped without limit).
  const bodyLimit = maxBytes + FORM_OVERHEAD_BYTES;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > bodyLimit) throw tooLarge(maxBytes);
  const dir = await fsp.mkdtemp(path.join(spoolDir ?? os.tmpdir(), 'pairchat-upload-'));
  spools.add(dir);
  const target = path.join(dir, 'upload');
  // Its own timer, not the socket's timeout, which requests pipelined on one connection would share (and a
  // listener each).
  const idle = setTimeout(() => req.raw.destroy(), UPLOAD_IDLE_MS);
  // Without a declared length (chunked), the bytes are counted as they come: past the file's limit and the form's
  // overhead, wherever they lie (a preamble, an epilogue), the parse ends with 413. The error goes to the request,
  // where @fastify/multipart listens to end its parse (it unpipes the parser and fails the part being read); the
  // request itself stays open, so the answer can be read (`lingerAfterRefusal`). Attached just before the parser
  // pipes the request (in the same turn), so it flows to both.
  let received = 0;
  const countBytes = (chunk: Buffer) => {
    idle.refresh();
    received += chunk.length;
    if (received <= bodyLimit) return;
    req.raw.off('data', countBytes);
    if (req.raw.listenerCount('error') > 0) req.raw.emit('error', tooLarge(maxBytes));
    else req.raw.destroy();
  };
  req.raw.on('data', countBytes);
  try {
    let upload: SpooledUpload | null = null;
    let parts = 0;
    const limits = { fileSize: maxBytes, files: 2, fields: 2, parts: 2, fieldSize: 1024, headerPairs: 20 };
    for await (const part of req.parts({ limits, isPartAFile })) {
      parts += 1;
      if (parts > 1 || part.type !== 'file' || part.fieldname !== 'file') {
        // Read past it so the parser reaches the end of the body; the answer is a 400 either way.
        if (part.type === 'file') part.file.resume();
        continue;
      }
      // Received into the media store's own folder, the file is kept as it is: its bytes go to the disk every MiB
      // as they come (see FLUSH_AFTER_BYTES), so the fsync before it is kept has little left to write. A spool in
      // the system's temporary folder is only read and removed: nothing to flush.
      const flushAfterBytes = spoolDir === null ? 0 : FLUSH_AFTER_BYTES;
      await pipeline(
        part.file,
        new FlushingFileStream(target, { mode: PRIVATE_FILE_MODE, flushAfterBytes, syncAtEnd: false }),
      );
      if (part.file.truncated) throw tooLarge(maxBytes);
      const { size } = await fsp.stat(target);
      upload = { dir, path: target, size, fileName: part.filename ?? '', declaredType: part.mimetype };
    }
    if (!upload || parts !== 1) throw badRequest(ONE_PART);
    if (upload.size === 0) throw badRequest('the file is empty');
    // The parser is done at the closing boundary; bytes after it (a trailing CRLF) must still be read, or the
    // request never ends and its keep-alive connection is never idle (server.close() would wait for it forever).
    if (!req.raw.readableEnded) await finished(req.raw.resume(), { writable: false }).catch(() => undefined);
    return upload;
  } catch (err) {
    await fsp.rm(dir, { recursive: true, force: true });
    spools.delete(dir);
    throw classify(err, maxBytes);
  } finally {
    req.raw.off('data', countBytes);
    clearTimeout(idle);
  }
}

/**
 * After an upload is refused while its body is still coming (413 for a file over the limit, 400 for a bad form…): a
 * server that closes with bytes unread makes the kernel reset the connection, and a client that sends its whole body
 * before it reads an answer then sees a network error instead of the 413 (Node's fetch with a streamed body did;
 * Chromium reads an early answer while it sends). So the rest is read and dropped, as Apache's lingering close and
 * nginx's `lingering_time` do, up to `maxBytes` more and {@link LINGER_MS}; past either the connection is cut. A body
 * declared longer than that (counted from what the connection has read, earlier requests on it included) is not
 * waited for: the answer says `Connection: close` and goes at once (a client that reads early answers gets it).
 */
export function lingerAfterRefusal(req: IncomingMessage, reply: FastifyReply, maxBytes: number): void {
  if (req.readableEnded || req.destroyed) return;
  const declared = Number(req.headers['content-length']);
  const left = Number.isFinite(declared) ? declared - req.socket.bytesRead : 0;
  if (left > maxBytes) {
    void reply.header('connection', 'close');
    return;
  }
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  const stop = () => {
    clearTimeout(timer);
    req.off('data', count);
  };
  const count = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > maxBytes) cut();
  };
  req.on('data', count);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}
