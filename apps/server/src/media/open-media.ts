import type { Config } from '../config.ts';
import { DiskMediaStore } from './disk/disk-media-store.ts';
import { GridFsMediaStore } from './gridfs/gridfs-media-store.ts';
import type { MediaStore } from './port.ts';

/**
 * Picks the media adapter the way the store is picked: GridFS in the same MongoDB database when MONGODB_URI is
 * set (every server process behind one address sees every file), else files under DATA_DIR/media.
 */
export async function openMedia(config: Config): Promise<MediaStore> {
  if (config.MONGODB_URI) {
    return GridFsMediaStore.connect({
      uri: config.MONGODB_URI,
      dbName: config.MONGODB_DB,
      maxPoolSize: config.MONGODB_POOL_SIZE,
      timeoutMs: config.MONGODB_TIMEOUT_MS,
    });
  }
  return new DiskMediaStore(config.DATA_DIR, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
}
