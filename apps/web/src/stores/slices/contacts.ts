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
  /**
   * A fetch of contacts, requests and blocks begins: from now until its answer (`setPeople`) or its failure
   * (`endPeopleLoad`), every change a frame makes here is also kept, to be made again over the answer. Returns
   * the load's number.
   */
  beginPeopleLoad: () => number;
  /**
   * The answer of load `load` replaces the lists, then the changes made since that load began are made again: the
   * server may have read the answer before a request, a close or a block whose frame came first (found by a CI
   * run: six requests in a row, the badge said four). An answer older than one already applied is dropped.
   */
  setPeople: (load: number, people: PeopleSnapshot) => void;
  /** Load `load` failed: nothing is applied, and it no longer keeps changes. */
  endPeopleLoad: (load: number) => void;
  /** One contact added or changed (accepted, a remark): any open request between us is settled with it. */
  putContact: (contact: Contact) => void;
  removeContact: (userId: string) => void;
  /** One request opened, to me or from me (`meId` tells which), in its list at the top. */
  putRequest: (request: ContactRequest, meId: string) => void;
  /** A request was accepted, declined or withdrawn: it leaves both lists. */
  closeRequest: (requestId: string) => void;
  /** I blocked or unblocked someone (here or in another tab); `user` is what this tab knows of them. */
  setBlock: (user: User, blocked: boolean) => void;
  /**
   * A person's profile changed (`user_updated`): every copy of them this tab holds takes it — the peer of a chat,
   * a contact, a request, a blocked person, and me.
   */
  userUpdated: (user: User) => void;
}

/** What `GET /api/contacts`, `/api/contacts/requests` and `/api/blocks` answer together. */
export interface PeopleSnapshot {
  contacts: Contact[];
  incoming: ContactRequest[];
  outgoing: ContactRequest[];
  blocked: User[];
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

type Change = (s: AppState) => Partial<AppState>;

export const createContactsSlice: StateCreator<AppState, [], [], ContactsSlice> = (set) => {
  /** Loads begun so far; the newest applied; those still waiting for their answer. */
  let begun = 0;
  let applied = 0;
  const open = new Set<number>();
  /** The changes made while a load was open, each with the number of the last load begun before it. */
  let journal: { after: number; change: Change }[] = [];
  const change = (f: Change) => {
    if (open.size > 0) journal.push({ after: begun, change: f });
    set(f);
  };
  const end = (load: number) => {
    open.delete(load);
    if (open.size === 0) journal = [];
  };

  return {
    ...contactsInitial,
    beginPeopleLoad: () => {
      open.add(++begun);
      return begun;
    },
    setPeople: (load, people) => {
      if (load > applied) {
        applied = load;
        set({
          contacts: Object.fromEntries(people.contacts.map((c) => [c.user.id, c])),
          contactsLoaded: true,
          incoming: people.incoming,
          outgoing: people.outgoing,
          blocked: Object.fromEntries(people.blocked.map((u) => [u.id, u])),
        });
        for (const kept of journal) if (kept.after >= load) set(kept.change);
      }
      end(load);
    },
    endPeopleLoad: end,
    putContact: (contact) =>
      change((s) => ({
        contacts: { ...s.contacts, [contact.user.id]: contact },
        incoming: s.incoming.filter((r) => !between(r, contact.user.id)),
        outgoing: s.outgoing.filter((r) => !between(r, contact.user.id)),
      })),
    removeContact: (userId) =>
      change((s) => {
        if (!(userId in s.contacts)) return {};
        const { [userId]: _gone, ...contacts } = s.contacts;
        return { contacts };
      }),
    putRequest: (request, meId) =>
      change((s) => {
        const key = request.to.id === meId ? 'incoming' : 'outgoing';
        return { [key]: [request, ...s[key].filter((r) => r.id !== request.id)] };
      }),
    closeRequest: (requestId) =>
      change((s) => ({
        incoming: s.incoming.filter((r) => r.id !== requestId),
        outgoing: s.outgoing.filter((r) => r.id !== requestId),
      })),
    setBlock: (user, blocked) =>
      change((s) => {
        const { [user.id]: _was, ...rest } = s.blocked;
        return { blocked: blocked ? { ...rest, [user.id]: user } : rest };
      }),
    userUpdated: (user) =>
      change((s) => {
        const contact = s.contacts[user.id];
        const request = (r: ContactRequest) => ({ ...r, from: renew(r.from, user), to: renew(r.to, user) });
        return {
          me: s.me && renew(s.me, user),
          chats: s.chats.map((c) => (c.peer.id === user.id ? { ...c, peer: renew(c.peer, user) } : c)),
          contacts: contact
            ? { ...s.contacts, [user.id]: { ...contact, user: renew(contact.user, user) } }
            : s.contacts,
          incoming: s.incoming.map(request),
          outgoing: s.outgoing.map(request),
          blocked: s.blocked[user.id] ? { ...s.blocked, [user.id]: user } : s.blocked,
        };
      }),
  };
};

/** How many requests to me are open: the "New friends" badge, and the Contacts tab's. */
export const openRequestCount = (s: Pick<ContactsSlice, 'incoming'>): number => s.incoming.length;
