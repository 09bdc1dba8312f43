import { randomUUID } from 'node:crypto';
import type { Contact, ContactRequest } from '@pairchat/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, type Person } from '../helpers/client.ts';
import type { TestServer } from '../helpers/server.ts';
import { threePeople } from './fixture.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
let cy: Person;
const people = threePeople();
const open = people.open;
beforeEach(() => ({ server, ana, ben, cy } = people));
const ask = (from: Person, to: string, note?: string) =>
  call(server.url, 'POST', '/api/contacts/requests', {
    token: from.token,
    body: note === undefined ? { userId: to } : { userId: to, note },
  });
const accept = (p: Person, id: string) =>
  call(server.url, 'POST', `/api/contacts/requests/${id}/accept`, { token: p.token });
const decline = (p: Person, id: string) =>
  call(server.url, 'POST', `/api/contacts/requests/${id}/decline`, { token: p.token });
const contactsOf = async (p: Person): Promise<Contact[]> =>
  (await call(server.url, 'GET', '/api/contacts', { token: p.token })).body.contacts;
const requestsOf = async (p: Person): Promise<{ incoming: ContactRequest[]; outgoing: ContactRequest[] }> =>
  (await call(server.url, 'GET', '/api/contacts/requests', { token: p.token })).body;
const remark = (p: Person, userId: string, text: unknown) =>
  call(server.url, 'PATCH', `/api/contacts/${userId}`, { token: p.token, body: { remark: text } });

/** Ana asks Ben and Ben accepts: they are contacts. */
const befriend = async (a: Person, b: Person) => {
  const asked = await ask(a, b.user.id);
  expect(asked.status).toBe(201);
  expect((await accept(b, asked.body.request.id)).status).toBe(200);
};

describe('contact requests', () => {
  it('a request with a note reaches the addressee live; accepting makes contacts both ways, told live to both', async () => {
    const benTab = await open(ben);
    const anaTab = await open(ana);
    const asked = await ask(ana, ben.user.id, '  I am Ana from the gym  ');
    expect(asked.status).toBe(201);
    const request = asked.body.request as ContactRequest;
    expect(request).toMatchObject({ from: ana.user, to: ben.user, note: 'I am Ana from the gym' });
    expect(new Date(request.date).toISOString()).toBe(request.date);
    expect((await benTab.next('contact_request')).request).toEqual(request);
    expect((await anaTab.next('contact_request')).request).toEqual(request);

    expect(await requestsOf(ben)).toEqual({ incoming: [request], outgoing: [] });
    expect(await requestsOf(ana)).toEqual({ incoming: [], outgoing: [request] });
    expect(await contactsOf(ana)).toEqual([]);

    const accepted = await accept(ben, request.id);
    expect(accepted.status).toBe(200);
    expect(accepted.body.contact).toEqual({ user: ana.user, remark: '', online: true });
    expect((await anaTab.next('contact_added')).contact).toEqual({ user: ben.user, remark: '', online: true });
    expect((await benTab.next('contact_added')).contact).toEqual({ user: ana.user, remark: '', online: true });
    expect((await anaTab.next('contact_request_closed')).requestId).toBe(request.id);
    expect((await benTab.next('contact_request_closed')).requestId).toBe(request.id);

    expect(await contactsOf(ana)).toEqual([{ user: ben.user, remark: '', online: true }]);
    expect(await contactsOf(ben)).toEqual([{ user: ana.user, remark: '', online: true }]);
    expect(await requestsOf(ben)).toEqual({ incoming: [], outgoing: [] });
    // Once accepted, the request is gone: accepting again is 404.
    expect((await accept(ben, request.id)).status).toBe(404);
  });

  it('refuses a request to myself (400), to an unknown person (404), twice (409), and to a contact (409); a bad body is 400', async () => {
    const self = await ask(ana, ana.user.id);
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('bad_request');
    const unknown = await ask(ana, randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');

    expect((await ask(ana, ben.user.id)).status).toBe(201);
    const twice = await ask(ana, ben.user.id, 'again');
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('conflict');
    expect((await requestsOf(ben)).incoming).toHaveLength(1);

    await befriend(cy, ben);
    const contact = await ask(ben, cy.user.id);
    expect(contact.status).toBe(409);

    for (const body of [
      {},
      { userId: 'not an id!' },
      { userId: ben.user.id, extra: 1 },
      { userId: cy.user.id, note: 'x'.repeat(101) },
    ]) {
      const bad = await call(server.url, 'POST', '/api/contacts/requests', { token: ana.token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('bad_request');
    }
    expect((await requestsOf(ana)).outgoing).toHaveLength(1);
    expect((await call(server.url, 'GET', '/api/contacts')).status).toBe(401);
  });

  it('asking someone who asked me already accepts their request (WeChat): 200 with the contact', async () => {
    const anaTab = await open(ana);
    const theirs = await ask(ben, ana.user.id, 'hi Ana');
    const mine = await ask(ana, ben.user.id);
    expect(mine.status).toBe(200);
    expect(mine.body.contact).toEqual({ user: ben.user, remark: '', online: false });
    expect((await anaTab.next('contact_request_closed')).requestId).toBe(theirs.body.request.id);
    expect((await contactsOf(ben)).map((c) => c.user.id)).toEqual([ana.user.id]);
    expect(await requestsOf(ana)).toEqual({ incoming: [], outgoing: [] });
    expect(await requestsOf(ben)).toEqual({ incoming: [], outgoing: [] });
  });

  it("accepting or declining someone else's request, or an unknown id, is 404 and changes nothing", async () => {
    const toBen = (await ask(ana, ben.user.id)).body.request as ContactRequest;
    for (const answer of [accept, decline]) {
      // Cy is neither party; Ana is the requester, not the addressee.
      expect((await answer(cy, toBen.id)).status).toBe(404);
      expect((await answer(ana, toBen.id)).status).toBe(404);
      expect((await answer(ben, randomUUID())).status).toBe(404);
      expect((await answer(ben, 'not an id!')).status).toBe(400);
    }
    expect((await requestsOf(ben)).incoming).toEqual([toBen]);
    expect(await contactsOf(ana)).toEqual([]);
  });

  it('declining closes the request for both, live; they are not contacts, and may be asked again', async () => {
    const anaTab = await open(ana);
    const benTab = await open(ben);
    const request = (await ask(ana, ben.user.id)).body.request as ContactRequest;
    const declined = await decline(ben, request.id);
    expect(declined.status).toBe(204);
    expect((await anaTab.next('contact_request_closed')).requestId).toBe(request.id);
    expect((await benTab.next('contact_request_closed')).requestId).toBe(request.id);
    expect(await requestsOf(ana)).toEqual({ incoming: [], outgoing: [] });
    expect(await contactsOf(ben)).toEqual([]);
    expect((await decline(ben, request.id)).status).toBe(404);
    expect((await ask(ana, ben.user.id)).status).toBe(201);
  });
});

describe('contacts', () => {
  it('a remark (0–32 characters) is mine alone, told to my other tabs; 33 characters is 400; not my contact is 404', async () => {
    await befriend(ana, ben);
    const otherTab = await open(ana);
    const set = await remark(ana, ben.user.id, ' 老板 Ben ');
    expect(set.status).toBe(200);
    expect(set.body.contact).toEqual({ user: ben.user, remark: '老板 Ben', online: false });
    expect((await otherTab.next('contact_updated')).contact).toEqual(set.body.contact);
    expect((await contactsOf(ana))[0]!.remark).toBe('老板 Ben');
    expect((await contactsOf(ben))[0]!.remark).toBe('');

    const long = await remark(ana, ben.user.id, 'x'.repeat(33));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('bad_request');
    expect((await remark(ana, ben.user.id, 'x'.repeat(32))).status).toBe(200);
    expect((await remark(ana, ben.user.id, 'a\nb')).status).toBe(400);
    expect((await remark(ana, cy.user.id, 'Cy')).status).toBe(404);
    expect((await remark(ana, randomUUID(), 'Nobody')).status).toBe(404);
    expect((await remark(ana, ben.user.id, '')).body.contact.remark).toBe('');
  });

  it('removing a contact removes it for both, told live to both; removing again is 404', async () => {
    await befriend(ana, ben);
    await befriend(ana, cy);
    const benTab = await open(ben);
    const anaTab = await open(ana);
    expect((await contactsOf(ana)).map((c) => c.user.id)).toEqual([ben.user.id, cy.user.id]);
    const removed = await call(server.url, 'DELETE', `/api/contacts/${ben.user.id}`, { token: ana.token });
    expect(removed.status).toBe(204);
    expect((await benTab.next('contact_removed')).userId).toBe(ana.user.id);
    expect((await anaTab.next('contact_removed')).userId).toBe(ben.user.id);
    expect((await contactsOf(ana)).map((c) => c.user.id)).toEqual([cy.user.id]);
    expect(await contactsOf(ben)).toEqual([]);
    const again = await call(server.url, 'DELETE', `/api/contacts/${ben.user.id}`, { token: ben.token });
    expect(again.status).toBe(404);
  });

  it("a contact's online flag follows their sockets", async () => {
    await befriend(ana, ben);
    expect((await contactsOf(ana))[0]!.online).toBe(false);
    const benTab = await open(ben);
    const anaTab = await open(ana);
    await anaTab.sendMessage(ben.user.id, 'hi'); // a chat with Ben: Ana is told of his presence
    expect((await contactsOf(ana))[0]!.online).toBe(true);
    await benTab.close();
    await anaTab.next('presence', (f) => f.userId === ben.user.id && !f.online);
    expect((await contactsOf(ana))[0]!.online).toBe(false);
  });
});
