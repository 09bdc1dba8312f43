import { z } from 'zod';
import { ChatSchema, checkSendFields, MessageSchema, MessageSeqSchema, SEND_FIELDS } from './chat.ts';
import { IdSchema, SeqSchema, UserSchema } from './entities.ts';
import { ErrorCodeSchema, RefusalReasonSchema } from './errors.ts';
import { ContactRequestSchema, ContactSchema } from './people.ts';

/** Frames over this many bytes close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** `{type:"send", to, clientId, content?, kind?, mediaId?, replyTo?}`: the same fields as the REST send. */
export const SendFrameSchema = z
  .strictObject({ type: z.literal('send'), to: IdSchema, ...SEND_FIELDS })
  .check(checkSendFields);
export const ReadFrameSchema = z.strictObject({ type: z.literal('read'), chatId: IdSchema, seq: SeqSchema });
export const TypingFrameSchema = z.strictObject({ type: z.literal('typing'), to: IdSchema });

export const ClientFrame = z.discriminatedUnion('type', [SendFrameSchema, ReadFrameSchema, TypingFrameSchema]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type SendFrame = z.infer<typeof SendFrameSchema>;

export const ServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), user: UserSchema }),
  z.object({ type: z.literal('ack'), clientId: z.string(), message: MessageSchema }),
  z.object({ type: z.literal('message'), chat: ChatSchema, message: MessageSchema }),
  z.object({ type: z.literal('read'), chatId: IdSchema, peerId: IdSchema, seq: SeqSchema }),
  z.object({ type: z.literal('typing'), from: IdSchema }),
  z.object({ type: z.literal('presence'), userId: IdSchema, online: z.boolean() }),
  z.object({ type: z.literal('chat_deleted'), chatId: IdSchema }),
  /** A message changed (recalled): to both people; `chatId` is the receiver's own chat. */
  z.object({ type: z.literal('message_updated'), chatId: IdSchema, message: MessageSchema }),
  /** I deleted one message for me in another tab. */
  z.object({ type: z.literal('message_deleted'), chatId: IdSchema, seq: MessageSeqSchema }),
  /** My own chat box changed elsewhere (read in another tab, opened, pinned, muted): keeps my tabs in step. */
  z.object({ type: z.literal('chat_updated'), chat: ChatSchema }),
  /** An open request to me (to every socket of the addressee; the requester's other tabs get it too). */
  z.object({ type: z.literal('contact_request'), request: ContactRequestSchema }),
  /** A request was accepted: to the sockets of both people, each with the other as `contact`. */
  z.object({ type: z.literal('contact_added'), contact: ContactSchema }),
  /** A request was declined or withdrawn, or became moot: to both people's sockets, so every list drops it. */
  z.object({ type: z.literal('contact_request_closed'), requestId: IdSchema }),
  /** My contact changed in another tab (a remark): to my sockets. */
  z.object({ type: z.literal('contact_updated'), contact: ContactSchema }),
  /** We are no longer contacts: to both people's sockets. */
  z.object({ type: z.literal('contact_removed'), userId: IdSchema }),
  /** I blocked or unblocked `userId` in another tab: to my sockets only (the blocked person is never told). */
  z.object({ type: z.literal('block_updated'), userId: IdSchema, blocked: z.boolean() }),
  /** A person's profile changed (display name, avatar, deleted): to everyone with a chat or a contact with them. */
  z.object({ type: z.literal('user_updated'), user: UserSchema }),
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    clientId: z.string().optional(),
    /** Why a send was refused with `forbidden`, so the bubble can say so. */
    reason: RefusalReasonSchema.optional(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
