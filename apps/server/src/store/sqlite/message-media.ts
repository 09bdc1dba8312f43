import type Database from 'better-sqlite3';
import type { MediaUse } from '../port.ts';

/**
 * Schema step 3 of the messages table: the media id of a media message in a column of its own, kept when the
 * message is recalled (its `media` JSON is emptied), with an index on it so the access rule and the sweep of unsent
 * uploads read only the messages that carry one media id. Messages stored before this step get theirs from `media`.
 */
export const MESSAGE_MEDIA_DDL = `ALTER TABLE messages ADD COLUMN media_id TEXT;
  UPDATE messages SET media_id = json_extract(media, '$.id') WHERE media IS NOT NULL;
  CREATE INDEX messages_media ON messages(media_id, recalled) WHERE media_id IS NOT NULL;`;

/** `MessageTable.mediaUse` in SQLite: three lookups in the `messages_media` index, in one statement. */
export class SqliteMediaUse {
  private readonly use;

  constructor(db: Database.Database) {
    this.use = db.prepare<
      { media: string; viewer: string | null },
      { sent: number; visible: number; recalled: number }
    >(
      `SELECT
         EXISTS (SELECT 1 FROM messages WHERE media_id = @media AND recalled = 0) AS sent,
         EXISTS (SELECT 1 FROM messages WHERE media_id = @media AND recalled = 0
                   AND (from_id = @viewer OR to_id = @viewer)) AS visible,
         EXISTS (SELECT 1 FROM messages WHERE media_id = @media AND recalled = 1) AS recalled`,
    );
  }

  of(mediaId: string, viewerId?: string): MediaUse {
    const row = this.use.get({ media: mediaId, viewer: viewerId ?? null })!;
    return { sent: row.sent === 1, visibleToViewer: row.visible === 1, recalled: row.recalled === 1 };
  }
}
