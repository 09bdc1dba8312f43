import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { call, openChat, sendRest, type Person } from '../helpers/client.ts';
import type { TestServer } from '../helpers/server.ts';
import { threePeople } from './fixture.ts';

describe('MESSAGING', () => {
  it('defaults to everyone, takes contacts, and stops start-up on anything else with one line naming it', () => {
    expect(loadConfig({}).MESSAGING).toBe('everyone');
    expect(loadConfig({ MESSAGING: '' }).MESSAGING).toBe('everyone');
    expect(loadConfig({ MESSAGING: 'contacts' }).MESSAGING).toBe('contacts');
    expect(() => loadConfig({ MESSAGING: 'friends' })).toThrow(ConfigError);
    expect(() => loadConfig({ MESSAGING: 'friends' })).toThrow(/^bad configuration: MESSAGING: [^\n]+$/);
  });
});

describe('MESSAGING=contacts', () => {
  let server: TestServer;
  let ana: Person;
  let ben: Person;
  const people = threePeople({ MESSAGING: 'contacts' });
  beforeEach(() => ({ server, ana, ben } = people));

  it('only contacts may send: anyone else is refused with not_contact and nothing is stored', async () => {
    const anaTab = await people.open(ana);
    const benTab = await people.open(ben);
    const clientId = randomUUID();
    anaTab.send({ type: 'send', to: ben.user.id, clientId, content: 'hello stranger' });
    expect(await anaTab.next('error', (f) => f.clientId === clientId)).toMatchObject({
      code: 'forbidden',
      reason: 'not_contact',
    });
    const chat = await openChat(server.url, ana, ben);
    const rest = await sendRest(server.url, ana, chat.id, 'by REST');
    expect(rest.status).toBe(403);
    expect(rest.body.error).toMatchObject({ code: 'forbidden', reason: 'not_contact' });
    const page = await call(server.url, 'GET', `/api/chats/${chat.id}/messages`, { token: ana.token });
    expect(page.body.messages).toEqual([]);
    expect((await call(server.url, 'GET', '/api/chats', { token: ben.token })).body.chats).toEqual([]);

    const asked = await call(server.url, 'POST', '/api/contacts/requests', {
      token: ana.token,
      body: { userId: ben.user.id, note: 'may I write to you?' },
    });
    await call(server.url, 'POST', `/api/contacts/requests/${asked.body.request.id}/accept`, { token: ben.token });
    await anaTab.sendMessage(ben.user.id, 'now we are contacts');
    expect((await benTab.next('message')).message.content).toBe('now we are contacts');
    await benTab.sendMessage(ana.user.id, 'and I may answer');

    // Removing the contact ends it again, both ways.
    await call(server.url, 'DELETE', `/api/contacts/${ana.user.id}`, { token: ben.token });
    expect(
      (await sendRest(server.url, ben, (await openChat(server.url, ben, ana)).id, 'still?')).body.error,
    ).toMatchObject({ code: 'forbidden', reason: 'not_contact' });
    expect((await sendRest(server.url, ana, chat.id, 'still?')).status).toBe(403);
  });
});
