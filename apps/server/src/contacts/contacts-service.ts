import { randomUUID } from 'node:crypto';
import type { Contact, ContactRequest, ContactRequestsAnswer, ServerFrame, User } from '@pairchat/schema';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { EventBus } from '../realtime/bus/port.ts';
import type { Presence } from '../realtime/presence/port.ts';
import { DuplicateError, type ContactRecord, type ContactRequestRecord, type Store } from '../store/port.ts';
import type { MessagingPolicy } from './messaging-policy.ts';
import { otherPerson, usersByIds } from './people.ts';

/** What asking someone answers: the new open request, or, when they had asked me already, our new contact. */
export type RequestOutcome = { request: ContactRequest } | { contact: Contact };

/**
 * Contacts and contact requests (contract: `/api/contacts…`), as WeChat has them: I ask someone with a note (添加朋友,
 * 验证消息), they accept (通过验证) and we are each other's contacts, or they decline; each side keeps a private remark
 * (备注); removing a contact removes it for both. Like the chat service it knows the store, bus and presence ports,
 * not Fastify or sockets: every change is published as frames to the people concerned, on every process.
 */
export class ContactsService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly presence: Pick<Presence, 'onlineAmong'>,
    private readonly policy: MessagingPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** My contacts, oldest first, each with my remark and whether I may see them online. */
  async list(me: User): Promise<Contact[]> {
    const records = await this.store.contacts.list(me.id);
    const users = await usersByIds(
      this.store,
      records.map((r) => r.contactId),
    );
    const online = await this.onlineFor(me.id, [...users.keys()]);
    return records.flatMap((r) => {
      const user = users.get(r.contactId);
      return user ? [{ user, remark: r.remark, online: online.has(user.id) }] : [];
    });
  }

  /**
   * Asks `userId` to become my contact. 400 myself, 404 unknown or deleted, 409 already contacts or already asked,
   * 403 (`blocked`) when they blocked me. When they had asked me already, this accepts their request instead, as
   * WeChat does. The addressee's sockets and mine get `contact_request`.
   */
  async request(me: User, userId: string, note = ''): Promise<RequestOutcome> {
    const peer = await otherPerson(this.store, me, userId, 'ask');
    if (await this.store.contacts.get(me.id, peer.id)) throw conflict('you are contacts already');
    const theirs = await this.store.contactRequests.between(peer.id, me.id);
    if (theirs) return { contact: await this.connect(me, peer, theirs) };
    if (await this.policy.isBlocked(peer.id, me.id)) {
      throw forbidden('this person does not accept your requests', 'blocked');
    }
    const record = { id: randomUUID(), fromId: me.id, toId: peer.id, note, date: this.now().toISOString() };
    try {
      await this.store.contactRequests.add(record);
    } catch (err) {
      if (err instanceof DuplicateError) throw conflict('you have asked this person already');
      throw err;
    }
    const request = toRequest(record, me, peer);
    this.publish(peer.id, { type: 'contact_request', request });
    this.publish(me.id, { type: 'contact_request', request });
    return { request };
  }

  /** The requests still open, to me and from me, newest first. */
  async requests(me: User): Promise<ContactRequestsAnswer> {
    const [incoming, outgoing] = await Promise.all([
      this.store.contactRequests.incoming(me.id),
      this.store.contactRequests.outgoing(me.id),
    ]);
    const users = await usersByIds(this.store, [
      me.id,
      ...incoming.map((r) => r.fromId),
      ...outgoing.map((r) => r.toId),
    ]);
    const withPeople = (records: ContactRequestRecord[]) =>
      records.flatMap((r) => {
        const from = users.get(r.fromId);
        const to = users.get(r.toId);
        return from && to ? [toRequest(r, from, to)] : [];
      });
    return { incoming: withPeople(incoming), outgoing: withPeople(outgoing) };
  }

  /** Accepts an open request to me: we become each other's contacts. 404 for any id that is not one to me. */
  async accept(me: User, requestId: string): Promise<Contact> {
    const record = await this.openTo(me, requestId);
    const requester = await this.store.users.get(record.fromId);
    if (!requester || requester.deleted) throw notFound('no such request');
    return this.connect(me, requester, record);
  }

  /** Declines an open request to me; both people's sockets get `contact_request_closed`. 404 as for `accept`. */
  async decline(me: User, requestId: string): Promise<void> {
    const record = await this.openTo(me, requestId);
    if (await this.store.contactRequests.delete(record.id)) this.closed(record);
  }

  /** Sets my remark for a contact (`""` removes it); my sockets get `contact_updated`. 404 when not my contact. */
  async setRemark(me: User, userId: string, remark: string): Promise<Contact> {
    const record = await this.store.contacts.setRemark(me.id, userId, remark);
    const user = record && (await this.store.users.get(userId));
    if (!record || !user) throw notFound('no such contact');
    const contact = await this.contactOf(record, user);
    this.publish(me.id, { type: 'contact_updated', contact });
    return contact;
  }

  /** Ends the contact for both of us; both people's sockets get `contact_removed`. 404 when not my contact. */
  async remove(me: User, userId: string): Promise<void> {
    if (!(await this.store.contacts.disconnect(me.id, userId))) throw notFound('no such contact');
    this.publish(me.id, { type: 'contact_removed', userId });
    this.publish(userId, { type: 'contact_removed', userId: me.id });
  }

  /**
   * `me` accepts `request` from `requester`: both sides are written before any request is deleted, so a crash in
   * between leaves a request that a retry accepts again (`connect` is idempotent), never a lost acceptance. Every
   * open request between the two closes; each gets `contact_added` with the other as the contact.
   */
  private async connect(me: User, requester: User, request: ContactRequestRecord): Promise<Contact> {
    await this.store.contacts.connect(me.id, requester.id, this.now().toISOString());
    const mine = await this.store.contactRequests.between(me.id, requester.id);
    for (const record of mine ? [request, mine] : [request]) {
      if (await this.store.contactRequests.delete(record.id)) this.closed(record);
    }
    const [mySide, theirSide] = await Promise.all([
      this.store.contacts.get(me.id, requester.id),
      this.store.contacts.get(requester.id, me.id),
    ]);
    if (!mySide || !theirSide) throw notFound('no such contact'); // removed at the same moment by one of the two
    const [contact, theirs] = await Promise.all([this.contactOf(mySide, requester), this.contactOf(theirSide, me)]);
    this.publish(me.id, { type: 'contact_added', contact });
    this.publish(requester.id, { type: 'contact_added', contact: theirs });
    return contact;
  }

  /** The open request with this id if it is addressed to me; someone else's id is 404, as an unknown one. */
  private async openTo(me: User, requestId: string): Promise<ContactRequestRecord> {
    const record = await this.store.contactRequests.get(requestId);
    if (!record || record.toId !== me.id) throw notFound('no such request');
    return record;
  }

  private closed(record: ContactRequestRecord): void {
    for (const userId of [record.fromId, record.toId]) {
      this.publish(userId, { type: 'contact_request_closed', requestId: record.id });
    }
  }

  private async contactOf(record: ContactRecord, user: User): Promise<Contact> {
    const online = await this.onlineFor(record.ownerId, [user.id]);
    return { user, remark: record.remark, online: online.has(user.id) };
  }

  private async onlineFor(viewerId: string, ids: string[]): Promise<Set<string>> {
    return this.policy.visibleOnline(viewerId, await this.presence.onlineAmong(ids));
  }

  private publish(userId: string, frame: ServerFrame): void {
    this.bus.publish({ kind: 'frame', userId, frame });
  }
}

function toRequest(record: ContactRequestRecord, from: User, to: User): ContactRequest {
  return { id: record.id, from, to, note: record.note, date: record.date };
}
