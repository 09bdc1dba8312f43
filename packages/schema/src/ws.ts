import { z } from 'zod';
import { ChatSchema, checkSendFields, MessageSchema, MessageSeqSchema, SEND_FIELDS } from './chat.ts';
import { IdSchema, SeqSchema, UserSchema } from './entities.ts';
import { ErrorCodeSchema } from './errors.ts';

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
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    clientId: z.string().optional(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
