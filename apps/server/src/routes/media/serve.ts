import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import rangeParser from 'range-parser';
import { sendError } from '../../plugins/errors.ts';
import type { ByteRange, MediaRecord, MediaStore, MediaVariant } from '../../media/port.ts';

/** A media id's bytes never change, so a browser may keep them for a year without asking (RFC 8246 immutable). */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';
/** Even if a file were opened as a page, it could run nothing and reach nothing. */
const MEDIA_CSP = "default-src 'none'; sandbox";

/** RFC 9110 §13.1.2: If-None-Match matches with the weak comparison, and `*` matches any current representation. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * RFC 9110 §14.1.2: "If the selected representation is shorter than the specified suffix-length, the entire
 * representation is used". range-parser drops such a suffix range (`bytes=-999` of 20 bytes) as unsatisfiable, so
 * it is rewritten to `0-` first. `-0` stays: a suffix of no bytes is unsatisfiable.
 */
function clampSuffixes(header: string, size: number): string {
  return header.replace(/(=|,)(\s*)-(\d+)/g, (whole, sep: string, space: string, n: string) =>
    Number(n) > size ? `${sep}${space}0-` : whole,
  );
}

/** The one byte range to send, `'unsatisfiable'`, or null for the whole file (no Range, a stale If-Range, or a
 * multi-range or malformed Range, which RFC 9110 §14.2 lets a server ignore). */
function wantedRange(req: FastifyRequest, size: number, etag: string): ByteRange | 'unsatisfiable' | null {
  const raw = req.headers.range;
  if (!raw) return null;
  const header = clampSuffixes(raw, size);
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag) return null;
  const parsed = rangeParser(size, header, { combine: true });
  if (parsed === -1) return 'unsatisfiable';
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length !== 1) return null;
  const [only] = parsed;
  return only ? { start: only.start, end: only.end + 1 } : null;
}

/**
 * Sends a media variant the contract's way: the stored type, `nosniff`, inline only for images and voice whose
 * bytes the server checked (anything else, SVG included, is an attachment: it must never render as a page), private
 * immutable caching with a strong ETag (the id: bytes under an id never change) and 304, and single byte ranges
 * (206, or 416 with `Content-Range: bytes *\/size`) for seeking in audio.
 */
export async function sendMedia(
  req: FastifyRequest,
  reply: FastifyReply,
  store: MediaStore,
  media: MediaRecord,
  variant: MediaVariant,
): Promise<FastifyReply> {
  const thumbnail = variant === 'thumbnail' ? media.thumbnail : null;
  if (variant === 'thumbnail' && !thumbnail) return sendError(reply, 404, 'not_found', 'this media has no thumbnail');
  const size = thumbnail?.size ?? media.size;
  const etag = `"${media.id}${thumbnail ? '-thumbnail' : ''}"`;
  const inline = media.kind === 'image' || media.kind === 'voice';
  reply
    .header('etag', etag)
    .header('cache-control', CACHE_CONTROL)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', MEDIA_CSP)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', contentDisposition(media.name, { type: inline ? 'inline' : 'attachment' }));
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();

  const range = wantedRange(req, size, etag);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    return sendError(reply, 416, 'bad_request', `the range is outside the file's ${size} bytes`);
  }
  const stream = await store.open(media.id, variant, range ?? undefined);
  if (!stream) return sendError(reply, 404, 'not_found', 'no such media');
  reply.type(thumbnail?.mime ?? media.mime);
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end - 1}/${size}`);
    reply.header('content-length', String(range.end - range.start));
  } else {
    reply.header('content-length', String(size));
  }
  return reply.send(stream);
}
