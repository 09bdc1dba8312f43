import {
  BlocksAnswerSchema,
  ContactAnswerSchema,
  ContactRequestAnswerSchema,
  ContactRequestsAnswerSchema,
  ContactsAnswerSchema,
  MeAnswerSchema,
  SessionsAnswerSchema,
  type Contact,
  type ContactRequest,
  type ContactRequestsAnswer,
  type PatchMeBody,
  type Session,
  type User,
} from '@pairchat/schema';
import type { z } from 'zod';

/** One checked REST call (client.ts): the answer parsed by `schema`, or nothing for `null`. */
export interface Requester {
  <S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
  (method: string, path: string, schema: null, body?: unknown): Promise<void>;
}

/** A call that checks my password again: its 401 means a wrong password, not an ended session. */
export type PasswordCall = (method: string, path: string, body: unknown) => Promise<unknown>;

/** Contacts, requests, blocks, my profile and my sessions (contract: contacts … sessions). */
export interface PeopleApi {
  contacts(): Promise<Contact[]>;
  contactRequests(): Promise<ContactRequestsAnswer>;
  /** 409 `conflict` when we are contacts already or I asked before. */
  requestContact(userId: string, note: string): Promise<ContactRequest>;
  acceptRequest(requestId: string): Promise<Contact>;
  declineRequest(requestId: string): Promise<void>;
  /** My private name for a contact; `""` removes it. */
  setRemark(userId: string, remark: string): Promise<Contact>;
  removeContact(userId: string): Promise<void>;
  blocks(): Promise<User[]>;
  block(userId: string): Promise<void>;
  unblock(userId: string): Promise<void>;
  updateMe(change: PatchMeBody): Promise<User>;
  /** 401 `unauthorized` on a wrong `current`; every other session of mine ends. */
  changePassword(current: string, next: string): Promise<void>;
  sessions(): Promise<Session[]>;
  endSession(sessionId: string): Promise<void>;
  deleteMe(password: string): Promise<void>;
}

const userPath = (base: string, userId: string) => `${base}/${encodeURIComponent(userId)}`;
const requestPath = (requestId: string) => `/api/contacts/requests/${encodeURIComponent(requestId)}`;

/** The calls of {@link PeopleApi} over one requester; `withPassword` for the two that ask my password again. */
export function peopleApi(request: Requester, withPassword: PasswordCall): PeopleApi {
  return {
    contacts: async () => (await request('GET', '/api/contacts', ContactsAnswerSchema)).contacts,
    contactRequests: () => request('GET', '/api/contacts/requests', ContactRequestsAnswerSchema),
    requestContact: async (userId, note) =>
      (await request('POST', '/api/contacts/requests', ContactRequestAnswerSchema, { userId, note })).request,
    acceptRequest: async (requestId) =>
      (await request('POST', `${requestPath(requestId)}/accept`, ContactAnswerSchema)).contact,
    declineRequest: (requestId) => request('POST', `${requestPath(requestId)}/decline`, null),
    setRemark: async (userId, remark) =>
      (await request('PATCH', userPath('/api/contacts', userId), ContactAnswerSchema, { remark })).contact,
    removeContact: (userId) => request('DELETE', userPath('/api/contacts', userId), null),
    blocks: async () => (await request('GET', '/api/blocks', BlocksAnswerSchema)).users,
    block: (userId) => request('PUT', userPath('/api/blocks', userId), null),
    unblock: (userId) => request('DELETE', userPath('/api/blocks', userId), null),
    updateMe: async (change) => (await request('PATCH', '/api/me', MeAnswerSchema, change)).user,
    changePassword: async (current, next) => {
      await withPassword('POST', '/api/me/password', { current, next });
    },
    sessions: async () => (await request('GET', '/api/me/sessions', SessionsAnswerSchema)).sessions,
    endSession: (sessionId) => request('DELETE', userPath('/api/me/sessions', sessionId), null),
    deleteMe: async (password) => {
      await withPassword('DELETE', '/api/me', { password });
    },
  };
}
