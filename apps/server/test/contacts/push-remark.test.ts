import { afterEach, beforeEach, expect, it } from 'vitest';
import { call, openChat, register, sendRest, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { BrowserSubscription, LocalPushService } from '../push/push-service.ts';

let service: LocalPushService;
let server: TestServer;
let ann: Person;
let bob: Person;
beforeEach(async () => {
  service = await LocalPushService.start();
  server = await startServer({ env: { PUSH_ALLOW_INSECURE_ENDPOINTS: 'true', PUSH_COALESCE_MS: '0' } });
  ann = await register(server.url);
  bob = await register(server.url);
});
afterEach(async () => {
  await server.close();
  await service.close();
});

it("a push's title is the recipient's remark for the sender when set, else the sender's display name", async () => {
  const browser = new BrowserSubscription(`${service.origin}/ann`);
  expect(
    (await call(server.url, 'POST', '/api/push/subscriptions', { token: ann.token, body: browser.toJSON() })).status,
  ).toBe(201);
  const asked = await call(server.url, 'POST', '/api/contacts/requests', {
    token: bob.token,
    body: { userId: ann.user.id },
  });
  await call(server.url, 'POST', `/api/contacts/requests/${asked.body.request.id}/accept`, { token: ann.token });
  const chat = await openChat(server.url, bob, ann);

  await sendRest(server.url, bob, chat.id, 'no remark yet');
  await service.waitFor('/ann', 1);
  const named = await call(server.url, 'PATCH', '/api/me', { token: bob.token, body: { displayName: 'Bob B.' } });
  expect(named.status).toBe(200);
  await sendRest(server.url, bob, chat.id, 'a display name');
  await service.waitFor('/ann', 2);
  const set = await call(server.url, 'PATCH', `/api/contacts/${bob.user.id}`, {
    token: ann.token,
    body: { remark: '鲍勃 (work)' },
  });
  expect(set.status).toBe(200);
  await sendRest(server.url, bob, chat.id, 'with a remark');
  await service.waitFor('/ann', 3);
  expect(service.on('/ann').map((p) => browser.decrypt(p))).toMatchObject([
    { title: bob.user.name, body: 'no remark yet' },
    { title: 'Bob B.', body: 'a display name' },
    { title: '鲍勃 (work)', body: 'with a remark' },
  ]);
});
