import { z } from 'zod';
import { ChatSchema, checkSendFields, MessageSchema, SEND_FIELDS } from './chat.ts';
import { IdSchema, PasswordSchema, SeqSchema, UserSchema, UserWithPresenceSchema } from './entities.ts';
import { UserNameSchema } from './names.ts';
import { hasControlCharacter, isBlankText, isWellFormedText, visibleLength, WellFormedStringSchema } from './text.ts';

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
  // No name has a control character, and MongoDB refuses a pattern with a NUL in it: such a query is a 400.
  q: WellFormedStringSchema.max(64)
    .refine((q) => !hasControlCharacter(q), 'a name has no control characters')
    .optional(),
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
/** `PATCH /api/chats/:id`: pin or unpin, mute or unmute my chat box; at least one of the two. */
export const PatchChatBodySchema = z
  .strictObject({ pinned: z.boolean().optional(), muted: z.boolean().optional() })
  .refine((b) => b.pinned !== undefined || b.muted !== undefined, 'nothing to change: send pinned or muted');
export type PatchChatBody = z.infer<typeof PatchChatBodySchema>;
/** One message of one of my chats: `/api/chats/:id/messages/:seq`. */
export const MessageParamsSchema = z.object({ id: IdSchema, seq: queryInt(1, Number.MAX_SAFE_INTEGER) });

export const MESSAGES_LIMIT_DEFAULT = 50;
export const MESSAGES_LIMIT_MAX = 200;
/**
 * A page of a chat's messages: no cursor, the newest page; `before=N`, older than N; `after=N`, newer than N;
 * `around=N`, a page holding N near its middle (to open a chat at a search result or a quoted message). `around`
 * goes alone: with `before` or `after` it is a 400.
 */
export const MessagesQuerySchema = z
  .object({
    before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
    after: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
    around: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryInt(1, MESSAGES_LIMIT_MAX).optional(),
  })
  .refine(
    (q) => q.around === undefined || (q.before === undefined && q.after === undefined),
    'around cannot be combined with before or after',
  );
export type MessagesQuery = z.infer<typeof MessagesQuerySchema>;
/**
 * `hasMore`: there are older messages than the page (for `after=`: newer ones, as the page runs forward).
 * `hasNewer`: only on `around=` pages: there are newer messages than the page, to page forward with `after=`.
 */
export const MessagesAnswerSchema = z.object({
  messages: z.array(MessageSchema),
  hasMore: z.boolean(),
  hasNewer: z.boolean().optional(),
});
export type MessagesAnswer = z.infer<typeof MessagesAnswerSchema>;

/** `POST /api/chats/:id/messages`: `{clientId, content?, kind?, mediaId?, replyTo?}` (see `SEND_FIELDS`). */
export const SendBodySchema = z.strictObject(SEND_FIELDS).check(checkSendFields);
export type SendBody = z.infer<typeof SendBodySchema>;
export const MessageAnswerSchema = z.object({ message: MessageSchema });
export type MessageAnswer = z.infer<typeof MessageAnswerSchema>;

export const ReadBodySchema = z.strictObject({ seq: SeqSchema });
export type ReadBody = z.infer<typeof ReadBodySchema>;

/** The most characters (grapheme clusters, after trimming) of a search query. Contract: 1–100. */
export const SEARCH_QUERY_MAX = 100;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 100;

/** Why `q` (trimmed) is not a search query, or null: blank, ill-formed, or over {@link SEARCH_QUERY_MAX} characters. */
export function searchQueryProblem(q: string): string | null {
  if (q.length > SEARCH_QUERY_MAX * 8 || !isWellFormedText(q)) return `a search is 1 to ${SEARCH_QUERY_MAX} characters`;
  if (isBlankText(q)) return 'a search cannot be blank';
  if (hasControlCharacter(q)) return 'a search cannot contain control characters';
  if (visibleLength(q, SEARCH_QUERY_MAX + 1) > SEARCH_QUERY_MAX)
    return `a search is 1 to ${SEARCH_QUERY_MAX} characters`;
  return null;
}

/** Search text: trimmed, 1–100 user-visible characters, never blank. */
export const SearchTextSchema = z
  .string()
  .transform((s) => s.trim())
  .check((ctx) => {
    const problem = searchQueryProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** `GET /api/search/messages?q=&chatId=&limit=`: my messages containing `q`, in one chat when `chatId` is given. */
export const SearchQuerySchema = z.object({
  q: SearchTextSchema,
  chatId: IdSchema.optional(),
  limit: queryInt(1, SEARCH_LIMIT_MAX).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;
/** One hit: the message and my chat it is in. */
export const SearchResultSchema = z.object({ chatId: IdSchema, message: MessageSchema });
export type SearchResult = z.infer<typeof SearchResultSchema>;
/** Newest first. */
export const SearchAnswerSchema = z.object({ results: z.array(SearchResultSchema) });
export type SearchAnswer = z.infer<typeof SearchAnswerSchema>;

export const HealthAnswerSchema = z.object({ ok: z.boolean(), store: z.string(), bus: z.string() });
export type HealthAnswer = z.infer<typeof HealthAnswerSchema>;
