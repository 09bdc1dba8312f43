import type { Contact, ContactRequest, ServerFrame, User } from '@pairchat/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyFrame } from './apply-frame.ts';
import { createAppStore } from './app-store.ts';
import { openRequestCount } from './slices/contacts.ts';
import { chat, pendingMessage, recordingEffects } from './test-fixtures.ts';

/** The frames of contacts, blocks and profiles (issue 16), applied to a fresh store signed in as ana. */
let store = createAppStore();
let asked: string[] = [];
const s = () => store.getState();
const apply = (frame: ServerFrame) => applyFrame(store, frame, recordingEffects(asked));
const ana: User = { id: 'a', name: 'ana' };
const ben: User = { id: 'b', name: 'ben', displayName: null, avatar: null, deleted: false };
const cai: User = { id: 'c', name: 'cai' };
const request = (id: string, from: User, to: User): ContactRequest => ({
  id,
  from,
  to,
  note: `hi from ${from.name}`,
  date: '2026-01-01T00:00:00.000Z',
});
const contact = (user: User, remark = ''): Contact => ({ user, remark, online: true });

beforeEach(() => {
  store = createAppStore();
  asked = [];
  s().signedIn(ana);
});

describe('contact requests', () => {
  it('a request to me is incoming and counts on the badge; mine is outgoing; the newest is first', () => {
    apply({ type: 'contact_request', request: request('r1', ben, ana) });
    apply({ type: 'contact_request', request: request('r2', ana, cai) });
    apply({ type: 'contact_request', request: request('r3', cai, ana) });
    expect(s().incoming.map((r) => r.id)).toEqual(['r3', 'r1']);
    expect(s().outgoing.map((r) => r.id)).toEqual(['r2']);
    expect(openRequestCount(s())).toBe(2);
    apply({ type: 'contact_request', request: request('r1', ben, ana) }); // again: not twice
    expect(openRequestCount(s())).toBe(2);
  });

  it('contact_request_closed drops it from either list', () => {
    apply({ type: 'contact_request', request: request('r1', ben, ana) });
    apply({ type: 'contact_request', request: request('r2', ana, cai) });
    apply({ type: 'contact_request_closed', requestId: 'r1' });
    apply({ type: 'contact_request_closed', requestId: 'r2' });
    expect([s().incoming, s().outgoing]).toEqual([[], []]);
  });

  it('contact_added makes a contact, settles the open request between us and learns their presence', () => {
    apply({ type: 'contact_request', request: request('r2', ana, ben) });
    apply({ type: 'contact_request', request: request('r3', cai, ana) });
    apply({ type: 'contact_added', contact: contact(ben) });
    expect(s().contacts.b).toEqual(contact(ben));
    expect(s().outgoing).toEqual([]);
    expect(s().incoming.map((r) => r.id)).toEqual(['r3']);
    expect(s().online.b).toBe(true);
  });
});

describe('contacts', () => {
  it('contact_updated takes the new remark; contact_removed drops the contact', () => {
    apply({ type: 'contact_added', contact: contact(ben) });
    apply({ type: 'contact_updated', contact: contact(ben, 'Benny') });
    expect(s().contacts.b!.remark).toBe('Benny');
    apply({ type: 'contact_removed', userId: 'b' });
    expect(s().contacts).toEqual({});
    apply({ type: 'contact_removed', userId: 'b' });
    expect(s().contacts).toEqual({});
  });
});

describe('block_updated', () => {
  it('blocks and unblocks a person this tab knows, and asks for the lists for one it does not', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    apply({ type: 'block_updated', userId: 'b', blocked: true });
    expect(s().blocked.b).toEqual(ben);
    apply({ type: 'block_updated', userId: 'b', blocked: false });
    expect(s().blocked).toEqual({});
    expect(asked).toEqual([]);
    apply({ type: 'block_updated', userId: 'zed', blocked: true });
    expect(asked).toEqual(['refreshPeople']);
  });
});

describe('user_updated', () => {
  it('renames and re-pictures the person in every chat, contact, request and block, and me', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    apply({ type: 'contact_added', contact: contact(ben, 'Benny') });
    apply({ type: 'contact_request', request: request('r1', ana, ben) });
    s().setBlock(ben, true);
    const renamed = { ...ben, displayName: 'Benjamin', avatar: 'media-1' };
    apply({ type: 'user_updated', user: renamed });
    expect(s().chats[0]!.peer).toEqual(renamed);
    expect(s().contacts.b).toEqual({ ...contact(renamed, 'Benny') });
    expect(s().outgoing[0]!.to).toEqual(renamed);
    expect(s().blocked.b).toEqual(renamed);
    apply({ type: 'user_updated', user: { ...ana, displayName: 'Ana' } });
    expect(s().me!.displayName).toBe('Ana');
  });

  it('a deleted account stays in the chat list, marked deleted', () => {
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z', { peer: ben })], '2026-01-01T00:00:00.000Z');
    apply({ type: 'user_updated', user: { ...ben, deleted: true } });
    expect(s().chats[0]!.peer.deleted).toBe(true);
  });
});

describe('a refused send', () => {
  it('forbidden with a reason marks the bubble refused for good; other errors leave it retryable', () => {
    s().addPending(pendingMessage('c1'));
    s().addPending(pendingMessage('c2'));
    apply({ type: 'error', code: 'forbidden', message: 'blocked', clientId: 'c1', reason: 'blocked' });
    apply({ type: 'error', code: 'rate_limited', message: 'slow', clientId: 'c2' });
    expect(s().pending.c1).toMatchObject({ status: 'failed', refused: 'blocked' });
    expect(s().pending.c2!.status).toBe('failed');
    expect(s().pending.c2!.refused).toBeUndefined();
    s().expirePending(Number.MAX_SAFE_INTEGER);
    expect(s().pending.c1!.refused).toBe('blocked');
  });
});

describe('a fetch of the lists while frames arrive', () => {
  const snapshot = (incoming: ContactRequest[] = [], contacts: Contact[] = []) => ({
    contacts,
    incoming,
    outgoing: [],
    blocked: [],
  });

  it('a request or a close whose frame came before the answer is kept over the answer', () => {
    apply({ type: 'contact_request', request: request('r0', cai, ana) });
    const load = s().beginPeopleLoad();
    apply({ type: 'contact_request', request: request('r1', ben, ana) });
    apply({ type: 'contact_request_closed', requestId: 'r0' });
    // The server read the lists before either change.
    s().setPeople(load, snapshot([request('r0', cai, ana)]));
    expect(s().incoming.map((r) => r.id)).toEqual(['r1']);
    expect(s().contactsLoaded).toBe(true);
  });

  it('changes before the load began are not made again; once no load is open nothing is kept', () => {
    apply({ type: 'contact_request', request: request('r1', ben, ana) });
    const first = s().beginPeopleLoad();
    s().setPeople(first, snapshot([]));
    expect(s().incoming).toEqual([]);
    apply({ type: 'contact_added', contact: contact(ben) });
    const second = s().beginPeopleLoad();
    s().setPeople(second, snapshot([]));
    expect(s().contacts).toEqual({});
  });

  it('an answer older than one applied is dropped; a failed load stops keeping changes', () => {
    const older = s().beginPeopleLoad();
    const newer = s().beginPeopleLoad();
    s().setPeople(newer, snapshot([], [contact(ben)]));
    s().setPeople(older, snapshot([request('r1', cai, ana)]));
    expect(Object.keys(s().contacts)).toEqual(['b']);
    expect(s().incoming).toEqual([]);
    const failed = s().beginPeopleLoad();
    s().endPeopleLoad(failed);
    apply({ type: 'contact_request', request: request('r2', cai, ana) });
    const next = s().beginPeopleLoad();
    s().setPeople(next, snapshot([]));
    expect(s().incoming).toEqual([]);
  });
});
