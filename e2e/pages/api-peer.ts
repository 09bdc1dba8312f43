import { expect, type APIRequestContext, type Page } from '@playwright/test';
import {
  AuthAnswerSchema,
  ChatAnswerSchema,
  ChatsAnswerSchema,
  ContactRequestAnswerSchema,
  ContactRequestsAnswerSchema,
  type ContactRequest,
  MeAnswerSchema,
  MessageAnswerSchema,
  MessagesAnswerSchema,
  UploadMediaAnswerSchema,
  type Chat,
} from '@pairchat/schema';
import { ChatApp, uniqueName } from './chat-app.ts';

/**
 * The other person of a test, driven through the REST API with a bearer token instead of a second browser: quick
 * to fill a history, and it reads back what the server holds (its read mark, for read ticks).
 */
export class ApiPeer {
  private constructor(
    private readonly request: APIRequestContext,
    readonly name: string,
    readonly id: string,
    private readonly token: string,
  ) {}

  static async register(request: APIRequestContext, name: string): Promise<ApiPeer> {
    const res = await request.post('/api/auth/register', { data: { name, password: 'password123' } });
    expect(res.ok()).toBe(true);
    const { user, token } = AuthAnswerSchema.parse(await res.json());
    return new ApiPeer(request, name, user.id, token);
  }

  private get headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Opens (or finds) my chat with a person, by their id. */
  async chatWith(peerId: string): Promise<Chat> {
    const res = await this.request.post('/api/chats', { data: { peerId }, headers: this.headers });
    expect(res.ok()).toBe(true);
    return ChatAnswerSchema.parse(await res.json()).chat;
  }

  /** Sends one message into a chat of mine, perhaps quoting a seq (`replyTo`); answers its seq. */
  async send(chatId: string, content: string, replyTo?: number): Promise<number> {
    const res = await this.request.post(`/api/chats/${chatId}/messages`, {
      data: { clientId: crypto.randomUUID(), content, ...(replyTo === undefined ? {} : { replyTo }) },
      headers: this.headers,
    });
    expect(res.ok()).toBe(true);
    return MessageAnswerSchema.parse(await res.json()).message.seq;
  }

  /**
   * Uploads a PNG (`POST /api/media`, multipart, one part `file`) and sends it as a photo (`{kind: "image",
   * mediaId}`); answers its seq.
   */
  async sendPhoto(chatId: string, png: Buffer, name = 'photo.png'): Promise<number> {
    const upload = await this.request.post('/api/media', {
      multipart: { file: { name, mimeType: 'image/png', buffer: png } },
      headers: this.headers,
    });
    expect(upload.ok()).toBe(true);
    const { media } = UploadMediaAnswerSchema.parse(await upload.json());
    const res = await this.request.post(`/api/chats/${chatId}/messages`, {
      data: { clientId: crypto.randomUUID(), kind: 'image', mediaId: media.id },
      headers: this.headers,
    });
    expect(res.ok()).toBe(true);
    return MessageAnswerSchema.parse(await res.json()).message.seq;
  }

  /** Asks a person to be my contact, with a note (`POST /api/contacts/requests`); answers the request's id. */
  async requestContact(userId: string, note: string): Promise<string> {
    const res = await this.request.post('/api/contacts/requests', { data: { userId, note }, headers: this.headers });
    expect(res.status()).toBe(201);
    return ContactRequestAnswerSchema.parse(await res.json()).request.id;
  }

  /** Sets my display name (`PATCH /api/me`). */
  async setDisplayName(displayName: string): Promise<void> {
    const res = await this.request.patch('/api/me', { data: { displayName }, headers: this.headers });
    expect(res.ok()).toBe(true);
  }

  /** The open contact requests to me. */
  async incomingRequests(): Promise<ContactRequest[]> {
    const res = await this.request.get('/api/contacts/requests', { headers: this.headers });
    expect(res.ok()).toBe(true);
    return ContactRequestsAnswerSchema.parse(await res.json()).incoming;
  }

  /** Accepts a request to me: we are each other's contacts. */
  async accept(requestId: string): Promise<void> {
    const res = await this.request.post(`/api/contacts/requests/${requestId}/accept`, { headers: this.headers });
    expect(res.ok()).toBe(true);
  }

  /** Recalls one of my messages. */
  async recall(chatId: string, seq: number): Promise<void> {
    const res = await this.request.post(`/api/chats/${chatId}/messages/${seq}/recall`, { headers: this.headers });
    expect(res.ok()).toBe(true);
  }

  /** The texts of the newest messages of a chat of mine, as the server gives them to me. */
  async texts(chatId: string): Promise<string[]> {
    const res = await this.request.get(`/api/chats/${chatId}/messages`, { headers: this.headers });
    return MessagesAnswerSchema.parse(await res.json()).messages.map((m) => m.content);
  }

  /** How far the other person has read my messages in a chat: what my read ticks show. */
  async peerReadSeq(chatId: string): Promise<number> {
    const res = await this.request.get('/api/chats', { headers: this.headers });
    const chat = ChatsAnswerSchema.parse(await res.json()).chats.find((c) => c.id === chatId);
    return chat?.peerReadSeq ?? 0;
  }
}

/** The id of the person signed in on a page's context. */
export async function myId(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/me');
  return MeAnswerSchema.parse(await res.json()).user.id;
}

/** Marks every chat of the person signed in on a page's context read, as if they had seen it all elsewhere. */
export async function readEverything(request: APIRequestContext): Promise<void> {
  const res = await request.get('/api/chats');
  for (const chat of ChatsAnswerSchema.parse(await res.json()).chats) {
    const seq = chat.lastMessage?.seq ?? 0;
    if (seq > 0) expect((await request.post(`/api/chats/${chat.id}/read`, { data: { seq } })).ok()).toBe(true);
  }
}

/**
 * The usual cast of a spec: Ana, signed in on `page` (a ChatApp), and Ben, an ApiPeer on `request`, with Ben's
 * chat with her open (empty until Ben sends).
 */
export async function anaAndBen(page: Page, request: APIRequestContext) {
  const ana = new ChatApp(page);
  await ana.signUp(uniqueName('ana'));
  const ben = await ApiPeer.register(request, uniqueName('ben'));
  const chat = await ben.chatWith(await myId(page.request));
  return { ana, ben, chat };
}
