import type { Readable } from 'node:stream';
import type { Media } from '@pairchat/schema';
import { StoreUnavailableError } from '../store/port.ts';

/**
 * What an upload turned out to be, decided from its bytes (never from the client's type): an image sharp decoded,
 * a voice recording (Opus in Ogg or WebM) with a duration, or any other file (always served as an attachment).
 */
export type MediaKind = 'image' | 'voice' | 'file';

/** The two byte streams a media item can have: the file as served, and (images only) its thumbnail. */
export type MediaVariant = 'original' | 'thumbnail';

/** A media item as stored: the contract's Media plus who uploaded it, when, and what its thumbnail is. */
export interface MediaRecord extends Media {
  kind: MediaKind;
  /** The uploader's user id. */
  ownerId: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Images only: the thumbnail's type and size in bytes. */
  thumbnail: { mime: string; size: number } | null;
}

/** A byte range of a stored stream: `start` inclusive, `end` exclusive (as Node's and GridFS's `end` differ). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A position in the (createdAt, id) order of records. */
export interface MediaCursor {
  createdAt: string;
  id: string;
}

/**
 * Thrown by media adapters when the disk or database cannot be used now (locked, full, unreachable). A subclass of
 * the store's error so the one error handler answers it with 503 `unavailable` like any store outage.
 */
export class MediaUnavailableError extends StoreUnavailableError {}

/**
 * Bytes to store: a stream, or a whole file on this machine that the store may move into place instead of copying
 * it. The caller gives such a file up (it may be gone from its path afterwards) and removes whatever is left.
 */
export type MediaBytes = Readable | { file: string };

/**
 * Where media bytes and their metadata live. Adapters only store and fetch; who may see a file (access.ts) and
 * which uploads are swept (sweep.ts) are decided above this port, once. Ids are opaque `[A-Za-z0-9-]` strings
 * chosen by the caller. Every method may throw MediaUnavailableError.
 */
export interface MediaStore {
  readonly name: string;
  /**
   * A folder where uploads are received before `save`: on the same file system as the stored files, so that a
   * received file is moved in by a rename instead of being written a second time. null: the system's temporary
   * folder (a store that keeps its bytes elsewhere, as GridFS does, copies them anyway).
   */
  readonly spoolDir: string | null;

  /**
   * Stores the bytes (and the thumbnail's, for images) and then the record. Resolves only when all of it is
   * durable (fsynced files and folder; GridFS chunks and files documents written), so a message that refers to
   * the id may be acknowledged. The record becomes visible to `get` last: a crash in between leaves nothing
   * served. `record.size` and `record.thumbnail.size` must be the bytes' lengths.
   */
  save(record: MediaRecord, original: MediaBytes, thumbnail: MediaBytes | null): Promise<void>;
  /** The record, or null when unknown (or deleted). */
  get(id: string): Promise<MediaRecord | null>;
  /** A stream of the stored bytes, or of `range` of them; null when there is no such media or variant. */
  open(id: string, variant: MediaVariant, range?: ByteRange): Promise<Readable | null>;
  /** Removes the record first (nothing is served after this resolves), then the bytes. false if unknown. */
  delete(id: string): Promise<boolean>;
  /**
   * Records created strictly before `before` (ISO-8601), ordered by (createdAt, id), at most `limit`, and strictly
   * after the cursor `after` when given (the last record of the previous page).
   */
  listCreatedBefore(before: string, limit: number, after?: MediaCursor): Promise<MediaRecord[]>;
  /** Resolves when the disk or database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Ids name files on disk: only these characters ever reach a path. */
export const MEDIA_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** The contract's Media, field by field, from a stored record (no owner, kind or thumbnail leaks out). */
export function toMedia(r: MediaRecord): Media {
  return {
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    ...(r.width !== undefined && { width: r.width }),
    ...(r.height !== undefined && { height: r.height }),
    ...(r.durationMs !== undefined && { durationMs: r.durationMs }),
    ...(r.animated && { animated: true as const }),
  };
}
