import type { Contact, ContactRequest, User } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';

/**
 * My contacts (the seed's friend list, 好友列表), the open requests to and from me (新的朋友), and whom I have
 * blocked. Filled by `GET /api/contacts`, `…/requests` and `/api/blocks` after each `ready`, kept current by the
 * contact frames (apply-frame.ts).
 */
export interface ContactsSlice {
  /** By the contact's user id. */
  contacts: Record<string, Contact>;
  /** The contact list has been fetched (until then the Contacts tab says nothing rather than "nobody"). */
  contactsLoaded: boolean;
  /** Requests to me still open, newest first: the "New friends" badge counts them. */
  incoming: ContactRequest[];
  /** My requests still open, newest first. */
  outgoing: ContactRequest[];
  /** The people I have blocked, by id. */
  blocked: Record<string, User>;
  setContacts: (contacts: Contact[]) => void;
  /** One contact added or changed (accepted, a remark): any open request between us is settled with it. */
  putContact: (contact: Contact) => void;
  removeContact: (userId: string) => void;
  setRequests: (incoming: ContactRequest[], outgoing: ContactRequest[]) => void;
  /** One request opened, to me or from me (`meId` tells which), in its list at the top. */
  putRequest: (request: ContactRequest, meId: string) => void;
  /** A request was accepted, declined or withdrawn: it leaves both lists. */
  closeRequest: (requestId: string) => void;
  setBlocked: (users: User[]) => void;
  /** I blocked or unblocked someone (here or in another tab); `user` is what this tab knows of them. */
  setBlock: (user: User, blocked: boolean) => void;
  /**
   * A person's profile changed (`user_updated`): every copy of them this tab holds takes it — the peer of a chat,
   * a contact, a request, a blocked person, and me.
   */
  userUpdated: (user: User) => void;
}

export const contactsInitial = {
  contacts: {} as Record<string, Contact>,
  contactsLoaded: false,
  incoming: [] as ContactRequest[],
  outgoing: [] as ContactRequest[],
  blocked: {} as Record<string, User>,
};

const between = (r: ContactRequest, userId: string) => r.from.id === userId || r.to.id === userId;
const renew = (u: User, user: User) => (u.id === user.id ? { ...u, ...user } : u);

export const createContactsSlice: StateCreator<AppState, [], [], ContactsSlice> = (set) => ({
  ...contactsInitial,
  setContacts: (list) => set({ contacts: Object.fromEntries(list.map((c) => [c.user.id, c])), contactsLoaded: true }),
  putContact: (contact) =>
    set((s) => ({
      contacts: { ...s.contacts, [contact.user.id]: contact },
      incoming: s.incoming.filter((r) => !between(r, contact.user.id)),
      outgoing: s.outgoing.filter((r) => !between(r, contact.user.id)),
    })),
  removeContact: (userId) =>
    set((s) => {
      if (!(userId in s.contacts)) return {};
      const { [userId]: _gone, ...contacts } = s.contacts;
      return { contacts };
    }),
  setRequests: (incoming, outgoing) => set({ incoming, outgoing }),
  putRequest: (request, meId) =>
    set((s) => {
      const key = request.to.id === meId ? 'incoming' : 'outgoing';
      return { [key]: [request, ...s[key].filter((r) => r.id !== request.id)] };
    }),
  closeRequest: (requestId) =>
    set((s) => ({
      incoming: s.incoming.filter((r) => r.id !== requestId),
      outgoing: s.outgoing.filter((r) => r.id !== requestId),
    })),
  setBlocked: (users) => set({ blocked: Object.fromEntries(users.map((u) => [u.id, u])) }),
  setBlock: (user, blocked) =>
    set((s) => {
      const { [user.id]: _was, ...rest } = s.blocked;
      return { blocked: blocked ? { ...rest, [user.id]: user } : rest };
    }),
  userUpdated: (user) =>
    set((s) => {
      const contact = s.contacts[user.id];
      const request = (r: ContactRequest) => ({ ...r, from: renew(r.from, user), to: renew(r.to, user) });
      return {
        me: s.me && renew(s.me, user),
        chats: s.chats.map((c) => (c.peer.id === user.id ? { ...c, peer: renew(c.peer, user) } : c)),
        contacts: contact ? { ...s.contacts, [user.id]: { ...contact, user: renew(contact.user, user) } } : s.contacts,
        incoming: s.incoming.map(request),
        outgoing: s.outgoing.map(request),
        blocked: s.blocked[user.id] ? { ...s.blocked, [user.id]: user } : s.blocked,
      };
    }),
});

/** How many requests to me are open: the "New friends" badge, and the Contacts tab's. */
export const openRequestCount = (s: Pick<ContactsSlice, 'incoming'>): number => s.incoming.length;
