import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_PREVIEW_BODY } from '../../src/push/push-sender.ts';
import { call, openChat, register, sendRest, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { BrowserSubscription, LocalPushService } from './push-service.ts';

/** The chat service's post-send hook: a push for a recipient with no open socket, composed from the message. */
describe('Web Push on a new message', () => {
  let service: LocalPushService;
  let server: TestServer;
  let ann: Person;
  let bob: Person;
  const sockets: TestSocket[] = [];

  const subscribe = async (who: Person, path: string, extra: { preview?: boolean } = {}) => {
    const browser = new BrowserSubscription(service.origin + path);
    const body = { ...browser.toJSON(), ...extra };
    const res = await call(server.url, 'POST', '/api/push/subscriptions', { token: who.token, body });
    expect(res.status).toBe(201);
    return browser;
  };
  const open = async (who: Person) => {
    const socket = await TestSocket.open(server.wsUrl, who.token);
    sockets.push(socket);
    return socket;
  };
  const bobSends = async (content: string) => {
    const chat = await openChat(server.url, bob, ann);
    const res = await sendRest(server.url, bob, chat.id, content);
    expect(res.status).toBe(201);
  };

  beforeEach(async () => {
    service = await LocalPushService.start();
    server = await startServer({ env: { PUSH_ALLOW_INSECURE_ENDPOINTS: 'true', PUSH_COALESCE_MS: '0' } });
    ann = await register(server.url);
    bob = await register(server.url);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await server.close();
    await service.close();
  });

  it("pushes the sender's name and the text about the recipient's own chat when they have no socket", async () => {
    const browser = await subscribe(ann, '/ann');
    await bobSends('  lunch\n at noon?  ');
    const [push] = await service.waitFor('/ann', 1);
    const annChat = await openChat(server.url, ann, bob);
    expect(browser.decrypt(push!)).toEqual({
      chatId: annChat.id,
      title: bob.user.name,
      body: 'lunch at noon?',
      count: 1,
    });
  });

  it('pushes nothing while the recipient has a socket open, and pushes once it has closed', async () => {
    const browser = await subscribe(ann, '/ann');
    const bobSocket = await open(bob);
    const annSocket = await open(ann);
    await bobSocket.sendMessage(ann.user.id, 'seen in the tab');
    await annSocket.next('message');
    await annSocket.close();
    // Bob has a chat with Ann, so he hears she went offline: past that, presence says she has no socket.
    await bobSocket.next('presence', (f) => f.userId === ann.user.id && !f.online);
    await bobSocket.sendMessage(ann.user.id, 'pushed');
    await service.waitFor('/ann', 1);
    await server.app.push.idle();
    expect(service.on('/ann').map((p) => browser.decrypt(p).body)).toEqual(['pushed']);
  });

  it('pushes nothing for a chat the recipient muted, and pushes again once it is unmuted', async () => {
    const browser = await subscribe(ann, '/ann');
    const annChat = await openChat(server.url, ann, bob);
    const mute = async (muted: boolean) => {
      const res = await call(server.url, 'PATCH', `/api/chats/${annChat.id}`, { token: ann.token, body: { muted } });
      expect(res.status).toBe(200);
    };
    await mute(true);
    await bobSends('while muted');
    await mute(false);
    await bobSends('after unmuting');
    await service.waitFor('/ann', 1);
    await server.app.push.idle();
    // Sent in order and never coalesced (PUSH_COALESCE_MS=0): had the muted one been pushed, it would come first.
    expect(service.on('/ann').map((p) => browser.decrypt(p).body)).toEqual(['after unmuting']);
  });

  it('sends only "New message" to a browser that chose no preview, the text to one that did not', async () => {
    const quiet = await subscribe(ann, '/quiet', { preview: false });
    const loud = await subscribe(ann, '/loud');
    await bobSends('a secret');
    const [[toQuiet], [toLoud]] = await Promise.all([service.waitFor('/quiet', 1), service.waitFor('/loud', 1)]);
    expect(quiet.decrypt(toQuiet!)).toMatchObject({ title: bob.user.name, body: NO_PREVIEW_BODY });
    expect(loud.decrypt(toLoud!)).toMatchObject({ title: bob.user.name, body: 'a secret' });
  });

  it('answers a subscription whose preview is not a boolean with 400', async () => {
    const body = { ...new BrowserSubscription(service.origin + '/x').toJSON(), preview: 'no' };
    const res = await call(server.url, 'POST', '/api/push/subscriptions', { token: ann.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
