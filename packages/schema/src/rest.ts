import { z } from 'zod';
import {
  ChatSchema,
  ClientIdSchema,
  IdSchema,
  MessageSchema,
  PasswordSchema,
  SeqSchema,
  UserSchema,
  UserWithPresenceSchema,
} from './entities.ts';
import { UserNameSchema } from './names.ts';
import { ContentSchema, WellFormedStringSchema } from './text.ts';

/** A whole number from a query string, where every value arrives as text. */
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const AuthBodySchema = z.strictObject({ name: UserNameSchema, password: PasswordSchema });
export type AuthBody = z.infer<typeof AuthBodySchema>;
/** Login accepts any string of sane length for the name: a malformed name is just a bad pair (401). */
export const LoginBodySchema = z.strictObject({
  name: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;
export const AuthAnswerSchema = z.object({ user: UserSchema, token: z.string() });
export type AuthAnswer = z.infer<typeof AuthAnswerSchema>;

export const MeAnswerSchema = z.object({ user: UserSchema });

export const USERS_LIMIT_DEFAULT = 20;
export const USERS_LIMIT_MAX = 100;
export const UsersQuerySchema = z.object({
  q: WellFormedStringSchema.max(64).optional(),
  limit: queryInt(1, USERS_LIMIT_MAX).optional(),
});
export type UsersQuery = z.infer<typeof UsersQuerySchema>;
export const UsersAnswerSchema = z.object({ users: z.array(UserWithPresenceSchema) });
export type UsersAnswer = z.infer<typeof UsersAnswerSchema>;

/**
 * My chat list, and which of its peers are online now: the one source of presence for everyone in my chat list,
 * however many accounts the server has (presence frames keep it current after that).
 */
export const ChatsAnswerSchema = z.object({ chats: z.array(ChatSchema), online: z.array(IdSchema) });
export type ChatsAnswer = z.infer<typeof ChatsAnswerSchema>;
export const OpenChatBodySchema = z.strictObject({ peerId: IdSchema });
export type OpenChatBody = z.infer<typeof OpenChatBodySchema>;
export const ChatAnswerSchema = z.object({ chat: ChatSchema });
export type ChatAnswer = z.infer<typeof ChatAnswerSchema>;
export const ChatParamsSchema = z.object({ id: IdSchema });

export const MESSAGES_LIMIT_DEFAULT = 50;
export const MESSAGES_LIMIT_MAX = 200;
export const MessagesQuerySchema = z.object({
  before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  after: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt(1, MESSAGES_LIMIT_MAX).optional(),
});
export type MessagesQuery = z.infer<typeof MessagesQuerySchema>;
export const MessagesAnswerSchema = z.object({ messages: z.array(MessageSchema), hasMore: z.boolean() });
export type MessagesAnswer = z.infer<typeof MessagesAnswerSchema>;

export const SendBodySchema = z.strictObject({ clientId: ClientIdSchema, content: ContentSchema });
export type SendBody = z.infer<typeof SendBodySchema>;
export const MessageAnswerSchema = z.object({ message: MessageSchema });
export type MessageAnswer = z.infer<typeof MessageAnswerSchema>;

export const ReadBodySchema = z.strictObject({ seq: SeqSchema });
export type ReadBody = z.infer<typeof ReadBodySchema>;

export const HealthAnswerSchema = z.object({ ok: z.boolean(), store: z.string(), bus: z.string() });
export type HealthAnswer = z.infer<typeof HealthAnswerSchema>;
