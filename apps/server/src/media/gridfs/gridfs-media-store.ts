import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, MongoClient, type Collection, type ObjectId } from 'mongodb';
import { isUnavailable } from '../../store/mongo/driver-errors.ts';
import {
  MediaUnavailableError,
  type ByteRange,
  type MediaBytes,
  type MediaCursor,
  type MediaRecord,
  type MediaStore,
  type MediaVariant,
} from '../port.ts';

/** The `metadata` of a GridFS files document: the original carries the record, the thumbnail only its name. */
interface FileMetadata {
  /** The media id for the original, `<id>.thumb` for its thumbnail (ids never contain a dot). */
  mediaId: string;
  record?: MediaRecord;
}
interface FileDoc {
  _id: ObjectId;
  length: number;
  metadata: FileMetadata;
}

export interface GridFsMediaOptions {
  uri: string;
  dbName: string;
  maxPoolSize?: number;
  /** How long to wait for a reachable server before failing with MediaUnavailableError. */
  timeoutMs?: number;
}

const BUCKET = 'media';
const thumbKey = (id: string) => `${id}.thumb`;

/**
 * Media in MongoDB through the official driver's GridFSBucket (bucket `media`), so every server process behind one
 * address serves every file. The thumbnail is written first, then the original, whose files document carries the
 * record in `metadata.record`. The driver inserts a files document only after all its chunks are written (with the
 * bucket's majority write concern), so a record that `get` finds always has its bytes; a crash mid-upload leaves
 * at most unreferenced chunks, never a served half file.
 */
export class GridFsMediaStore implements MediaStore {
  readonly name = 'gridfs';
  readonly spoolDir = null;
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<FileDoc>;

  private constructor(
    private readonly client: MongoClient,
    dbName: string,
  ) {
    const db = client.db(dbName);
    this.bucket = new GridFSBucket(db, { bucketName: BUCKET, writeConcern: { w: 'majority' } });
    this.files = db.collection<FileDoc>(`${BUCKET}.files`);
  }

  /** Connects and declares the indexes the adapter relies on (GridFS adds its own on the first upload). */
  static async connect(opts: GridFsMediaOptions): Promise<GridFsMediaStore> {
    const timeout = opts.timeoutMs ?? 5000;
    const client = new MongoClient(opts.uri, {
      maxPoolSize: opts.maxPoolSize ?? 20,
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      socketTimeoutMS: timeout * 6,
    });
    await client.connect();
    const store = new GridFsMediaStore(client, opts.dbName);
    await store.guard(async () => {
      await store.files.createIndex({ 'metadata.mediaId': 1 }, { unique: true, name: 'unique_media_id' });
      await store.files.createIndex(
        { 'metadata.record.createdAt': 1, 'metadata.mediaId': 1 },
        { name: 'media_created_at' },
      );
    });
    return store;
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (isUnavailable(err)) throw new MediaUnavailableError((err as Error).message);
      throw err;
    }
  }

  private async upload(bytes: MediaBytes, filename: string, metadata: FileMetadata): Promise<ObjectId> {
    const upload = this.bucket.openUploadStream(filename, { metadata });
    try {
      await pipeline('file' in bytes ? createReadStream(bytes.file) : bytes, upload);
    } catch (err) {
      // Removes the chunks written so far; no files document was made.
      await upload.abort().catch(() => undefined);
      throw err;
    }
    return upload.id;
  }

  private findFile(mediaId: string): Promise<FileDoc | null> {
    return this.files.findOne({ 'metadata.mediaId': mediaId });
  }

  save(record: MediaRecord, original: MediaBytes, thumbnail: MediaBytes | null): Promise<void> {
    return this.guard(async () => {
      const written: ObjectId[] = [];
      try {
        if (thumbnail)
          written.push(await this.upload(thumbnail, thumbKey(record.id), { mediaId: thumbKey(record.id) }));
        // A plain copy: the driver would store an undefined optional field as null.
        const plain = JSON.parse(JSON.stringify(record)) as MediaRecord;
        written.push(await this.upload(original, record.name, { mediaId: record.id, record: plain }));
        const stored = await this.findFile(record.id);
        if (stored?.length !== record.size) {
          throw new Error(`media ${record.id}: ${stored?.length} bytes written, ${record.size} declared`);
        }
      } catch (err) {
        await Promise.all(written.map((id) => this.bucket.delete(id).catch(() => undefined)));
        throw err;
      }
    });
  }

  get(id: string): Promise<MediaRecord | null> {
    return this.guard(async () => (await this.findFile(id))?.metadata.record ?? null);
  }

  open(id: string, variant: MediaVariant, range?: ByteRange): Promise<Readable | null> {
    return this.guard(async () => {
      const original = await this.findFile(id);
      if (!original?.metadata.record) return null;
      const file = variant === 'original' ? original : await this.findFile(thumbKey(id));
      if (!file) return null;
      // GridFS's `end` is exclusive, like the port's.
      return this.bucket.openDownloadStream(file._id, range ? { start: range.start, end: range.end } : {});
    });
  }

  delete(id: string): Promise<boolean> {
    return this.guard(async () => {
      const original = await this.findFile(id);
      if (!original?.metadata.record) return false;
      // The driver deletes the files document before the chunks: nothing is served once it returns.
      await this.bucket.delete(original._id);
      const thumb = await this.findFile(thumbKey(id));
      if (thumb) await this.bucket.delete(thumb._id);
      return true;
    });
  }

  listCreatedBefore(before: string, limit: number, after?: MediaCursor): Promise<MediaRecord[]> {
    return this.guard(async () => {
      const created = 'metadata.record.createdAt';
      const range = after
        ? {
            $or: [
              { [created]: { $gt: after.createdAt, $lt: before } },
              { [created]: after.createdAt, 'metadata.mediaId': { $gt: after.id } },
            ],
          }
        : { [created]: { $lt: before } };
      const docs = await this.files
        .find(range)
        .sort({ [created]: 1, 'metadata.mediaId': 1 })
        .limit(limit)
        .toArray();
      return docs.flatMap((d) => (d.metadata.record ? [d.metadata.record] : []));
    });
  }

  ping(): Promise<void> {
    return this.guard(async () => {
      await this.client.db('admin').command({ ping: 1 });
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
