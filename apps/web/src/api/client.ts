import {
  AuthAnswerSchema,
  ChatAnswerSchema,
  ChatsAnswerSchema,
  type ChatsAnswer,
  ErrorBodySchema,
  MeAnswerSchema,
  MessageAnswerSchema,
  MessagesAnswerSchema,
  type PatchChatBody,
  PushKeyAnswerSchema,
  SearchAnswerSchema,
  type SearchResult,
  type SendBody,
  UsersAnswerSchema,
  type PushSubscriptionBody,
  type Chat,
  type ErrorCode,
  type RefusalReason,
  type Message,
  type MessagesAnswer,
  type User,
  type UserWithPresence,
} from '@pairchat/schema';
import type { z } from 'zod';
import { peopleApi, type PeopleApi } from './people.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'aborted',
    message: string,
    /** Why a `forbidden` was refused (a block, not contacts, a deleted account), when the server says. */
    readonly reason?: RefusalReason,
  ) {
    super(message);
  }
}

/** What the API tells its user about, beyond each call's answer. */
export interface ApiHooks {
  /** A call was refused with 401: the session is over (signed out in another tab, or ended elsewhere). */
  onUnauthorized?: () => void;
}

/** One REST call; the answer is checked against the shared schema before anyone uses it. */
async function call(
  hooks: ApiHooks,
  method: string,
  path: string,
  schema: z.ZodType | null,
  body?: unknown,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (!res.ok) {
    if (res.status === 401) hooks.onUnauthorized?.();
    const parsed = ErrorBodySchema.safeParse(await res.json().catch(() => null));
    throw parsed.success
      ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.reason)
      : new ApiError(res.status, 'unavailable', `HTTP ${res.status}`);
  }
  if (schema === null) return undefined;
  return schema.parse(await res.json());
}

/** The REST API as the web app uses it. */
export interface Api extends PeopleApi {
  me(): Promise<User>;
  register(name: string, password: string): Promise<User>;
  login(name: string, password: string): Promise<User>;
  logout(): Promise<void>;
  users(q: string): Promise<UserWithPresence[]>;
  /** My chat list, and which of its peers are online now. */
  chats(): Promise<ChatsAnswer>;
  openChat(peerId: string): Promise<Chat>;
  deleteChat(chatId: string): Promise<void>;
  messages(
    chatId: string,
    page: { before?: number; after?: number; around?: number; limit?: number },
  ): Promise<MessagesAnswer>;
  /** Sends over REST (forwarding): a text, or media already on the server by its id, perhaps quoting a seq. */
  send(chatId: string, body: SendBody): Promise<Message>;
  read(chatId: string, seq: number): Promise<void>;
  /** Pins or mutes my chat box (`PATCH /api/chats/:id`). */
  updateChat(chatId: string, change: PatchChatBody): Promise<Chat>;
  /** Recalls my message; 403 (`forbidden`) once the recall window has passed. */
  recall(chatId: string, seq: number): Promise<Message>;
  /** Deletes one message for me only. */
  deleteMessage(chatId: string, seq: number): Promise<void>;
  /** Messages I can see that contain `q`, newest first; in one chat when `chatId` is given. */
  searchMessages(q: string, chatId?: string): Promise<SearchResult[]>;
  /** The server's VAPID public key (base64url), for `pushManager.subscribe`. */
  pushKey(): Promise<string>;
  subscribePush(body: PushSubscriptionBody): Promise<void>;
  unsubscribePush(endpoint: string): Promise<void>;
}

const chatPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}`;

/** The REST client; `hooks` hear of answers that concern the whole session. */
export function createApi(hooks: ApiHooks = {}): Api {
  function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
  function request(method: string, path: string, schema: null, body?: unknown): Promise<void>;
  function request(method: string, path: string, schema: z.ZodType | null, body?: unknown): Promise<unknown> {
    return call(hooks, method, path, schema, body);
  }
  return {
    me: async () => (await request('GET', '/api/me', MeAnswerSchema)).user,
    register: async (name, password) =>
      (await request('POST', '/api/auth/register', AuthAnswerSchema, { name, password })).user,
    login: async (name, password) =>
      (await request('POST', '/api/auth/login', AuthAnswerSchema, { name, password })).user,
    logout: () => request('POST', '/api/auth/logout', null),
    users: async (q) =>
      (await request('GET', `/api/users?limit=100&q=${encodeURIComponent(q)}`, UsersAnswerSchema)).users,
    chats: () => request('GET', '/api/chats', ChatsAnswerSchema),
    openChat: async (peerId) => (await request('POST', '/api/chats', ChatAnswerSchema, { peerId })).chat,
    deleteChat: (chatId) => request('DELETE', chatPath(chatId), null),
    messages: (chatId, page) => {
      const q = new URLSearchParams();
      for (const [key, value] of Object.entries(page)) if (value !== undefined) q.set(key, String(value));
      return request('GET', `${chatPath(chatId)}/messages?${q}`, MessagesAnswerSchema);
    },
    send: async (chatId, body) =>
      (await request('POST', `${chatPath(chatId)}/messages`, MessageAnswerSchema, body)).message,
    read: (chatId, seq) => request('POST', `${chatPath(chatId)}/read`, null, { seq }),
    updateChat: async (chatId, change) => (await request('PATCH', chatPath(chatId), ChatAnswerSchema, change)).chat,
    recall: async (chatId, seq) =>
      (await request('POST', `${chatPath(chatId)}/messages/${seq}/recall`, MessageAnswerSchema)).message,
    deleteMessage: (chatId, seq) => request('DELETE', `${chatPath(chatId)}/messages/${seq}`, null),
    searchMessages: async (q, chatId) => {
      const query = new URLSearchParams({ q, limit: '50' });
      if (chatId) query.set('chatId', chatId);
      return (await request('GET', `/api/search/messages?${query}`, SearchAnswerSchema)).results;
    },
    pushKey: async () => (await request('GET', '/api/push/key', PushKeyAnswerSchema)).publicKey,
    subscribePush: (body) => request('POST', '/api/push/subscriptions', null, body),
    unsubscribePush: (endpoint) => request('DELETE', '/api/push/subscriptions', null, { endpoint }),
    // A wrong password answers 401 too: on these calls it says nothing about the session.
    ...peopleApi(request, (method, path, body) => call({}, method, path, null, body)),
  };
}
