import { z } from 'zod';
import { ClientIdSchema, IdSchema, UserSchema } from './entities.ts';
import { MediaSchema } from './media.ts';
import { ContentSchema } from './text.ts';

/**
 * A message and a chat box, as the contract shows them. Kept apart from `entities.ts` because a message holds
 * media (`media.ts`), which itself needs the ids of `entities.ts`.
 */

/** What a message carries: text, or one media file of a kind (contract: Message `kind`). */
export const MessageKindSchema = z.enum(['text', 'image', 'file', 'voice']);
export type MessageKind = z.infer<typeof MessageKindSchema>;
/** The kinds that carry a media file instead of text. */
export const MEDIA_KINDS: readonly MessageKind[] = ['image', 'file', 'voice'];

/** The most characters (grapheme clusters) of the quoted text a reply keeps as its `preview`. */
export const REPLY_PREVIEW_MAX = 100;

/** A seq that names a message: messages are numbered from 1. */
export const MessageSeqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * What a reply quotes, copied when the reply is sent: the quoted message's seq, sender id and name, kind, and up to
 * {@link REPLY_PREVIEW_MAX} characters of its text (`""` for media, and `""` once the quoted message is recalled).
 */
export const ReplyToSchema = z.object({
  seq: MessageSeqSchema,
  from: IdSchema,
  name: z.string(),
  kind: MessageKindSchema,
  preview: z.string(),
});
export type ReplyTo = z.infer<typeof ReplyToSchema>;

/**
 * A message, stored once for the pair. `content` is the text of a `text` message and `""` for media kinds, whose
 * file is `media` (null for text). A recalled message keeps its seq and has `content: ""` and `media: null` for
 * everyone (WeChat's 撤回).
 */
export const MessageSchema = z.object({
  id: IdSchema,
  seq: MessageSeqSchema,
  chatKey: z.string(),
  from: IdSchema,
  to: IdSchema,
  name: z.string(),
  kind: MessageKindSchema,
  content: z.string(),
  media: MediaSchema.nullable(),
  replyTo: ReplyToSchema.nullable(),
  recalled: z.boolean(),
  date: z.iso.datetime(),
  clientId: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

/** One person's chat box with one peer. */
export const ChatSchema = z.object({
  id: IdSchema,
  peer: UserSchema,
  unread: z.number().int().min(0),
  /** The newest message this person can still see (a recalled one shows as recalled). */
  lastMessage: MessageSchema.nullable(),
  updatedAt: z.iso.datetime(),
  /** The highest seq the peer has read in this pair: my messages up to it get a read tick. */
  peerReadSeq: z.number().int().min(0),
  /**
   * Where my visible history starts: messages with seq up to this were deleted for me ("delete chat"). A tab that
   * holds older messages of this chat (it was offline when another tab deleted it) drops them.
   */
  clearedSeq: z.number().int().min(0),
  /** Pinned chats come first in my list (WeChat's 置顶). */
  pinned: z.boolean(),
  /** A muted chat keeps its own `unread` but adds nothing to the total and raises no notification (消息免打扰). */
  muted: z.boolean(),
});
export type Chat = z.infer<typeof ChatSchema>;

/**
 * The fields of a send, shared by the REST body and the `send` frame: `kind` (default `"text"`), `content` for text,
 * `mediaId` for the other kinds, and `replyTo`, the seq of a message of the same pair that this one quotes.
 */
export const SEND_FIELDS = {
  clientId: ClientIdSchema,
  kind: MessageKindSchema.optional(),
  content: ContentSchema.optional(),
  mediaId: IdSchema.optional(),
  replyTo: MessageSeqSchema.optional(),
};

/** Why a send's fields do not fit together, or null: text needs `content` and no `mediaId`; media the reverse. */
export function sendFieldsProblem(send: { kind?: MessageKind | undefined; content?: string; mediaId?: string }) {
  const kind = send.kind ?? 'text';
  if (kind === 'text') {
    if (send.content === undefined) return 'a text message needs content';
    if (send.mediaId !== undefined) return 'a text message has no mediaId';
  } else {
    if (send.mediaId === undefined) return `a ${kind} message needs a mediaId`;
    if (send.content !== undefined) return `a ${kind} message has no content`;
  }
  return null;
}

/** The zod check that applies {@link sendFieldsProblem} to a parsed send. */
export function checkSendFields(ctx: z.core.ParsePayload<Parameters<typeof sendFieldsProblem>[0]>): void {
  const problem = sendFieldsProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
}
