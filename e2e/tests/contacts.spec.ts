import { expect, test, type Browser } from '@playwright/test';
import { freePort } from '@pairchat/testing';
import { ServerProcess } from '../fixtures/server.ts';
import { ApiPeer, myId } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';
import { pngBytes } from '../pages/media.ts';
import { becomeContacts, People } from '../pages/people.ts';

/** A person signed up in a browser context of their own, with the Contacts page object. */
async function signedUp(browser: Browser, base: string) {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  const name = uniqueName(base);
  await app.signUp(name);
  return { context, app, people: new People(app), name };
}

test('two people become contacts: a request with a note, the badge, accept, and both lists follow live', async ({
  browser,
}) => {
  const ana = await signedUp(browser, 'ana');
  const ben = await signedUp(browser, 'ben');

  await test.step('Ana asks Ben, with a note', async () => {
    await ana.people.requestContact(ben.name, 'Hi Ben, it is Ana from the team');
  });

  await test.step('Ben sees the badge on Contacts and on New friends, and the note', async () => {
    await expect(ben.app.rail('Contacts')).toHaveAccessibleDescription('1 new');
    await ben.app.rail('Contacts').click();
    await expect(ben.people.newFriends).toHaveAccessibleDescription('1 new');
    await ben.people.newFriends.click();
    const requests = ben.app.page.getByRole('list', { name: 'Requests to you' });
    await expect(requests.getByRole('button', { name: ana.name, exact: true })).toHaveAccessibleDescription(
      'Hi Ben, it is Ana from the team',
    );
  });

  await test.step('Ana sees her request waiting', async () => {
    await ana.people.contactsColumn.getByRole('button', { name: 'New friends', exact: true }).click();
    const mine = ana.app.page.getByRole('list', { name: 'Your requests' });
    await expect(mine.getByRole('listitem').filter({ hasText: ben.name })).toContainText('Waiting');
  });

  await test.step('Ben accepts: both contact lists show the other at once, under the initial', async () => {
    await ben.app.page.getByRole('button', { name: `Accept ${ana.name}`, exact: true }).click();
    await expect(ben.app.page.getByRole('list', { name: 'Requests to you' })).toHaveCount(0);
    await expect(ben.app.rail('Contacts')).not.toHaveAccessibleDescription('1 new');
    await expect(ben.people.newFriends).toHaveAccessibleDescription('');
    await expect(ben.app.page.getByRole('list', { name: 'A', exact: true })).toContainText(ana.name);
    await expect(ana.app.page.getByRole('list', { name: 'B', exact: true })).toContainText(ben.name);
    await expect(ana.app.page.getByRole('list', { name: 'Your requests' })).toHaveCount(0);
  });

  await test.step("from a contact's page, Send message opens our chat", async () => {
    await ana.people.openPerson(ben.name);
    await ana.app.page.getByRole('button', { name: 'Send message', exact: true }).click();
    await expect(ana.app.page.getByRole('heading', { level: 1, name: ben.name, exact: true })).toBeVisible();
    await expect(ana.app.log).toHaveAttribute('aria-busy', 'false');
    await ana.app.send('we are contacts now');
    await ben.app.rail('Chats').click();
    await expect(ben.app.chatEntry(ana.name)).toContainText('we are contacts now');
  });

  await ana.context.close();
  await ben.context.close();
});

test('a remark shows instead of the name in the chat list, the chat header and search', async ({ browser }) => {
  const ana = await signedUp(browser, 'ana');
  const ben = await signedUp(browser, 'ben');
  await becomeContacts(ana.app.page.request, ben.app.page.request);
  await ben.app.openContact(ana.name);
  await ben.app.send('hello from ben');
  await expect(ana.app.chatItem(ben.name)).toBeVisible();

  await ana.people.openPerson(ben.name);
  await ana.app.page.getByRole('textbox', { name: 'Remark' }).fill('Benny the Builder');
  await ana.app.page.getByRole('button', { name: 'Save remark' }).click();
  await expect(ana.app.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(ana.app.page.getByRole('heading', { level: 2, name: 'Benny the Builder' })).toBeVisible();
  await expect(ana.app.page.getByRole('list', { name: 'B', exact: true })).toContainText('Benny the Builder');

  await ana.app.openChat('Benny the Builder');
  await expect(ana.app.page.getByRole('heading', { level: 1, name: 'Benny the Builder' })).toBeVisible();
  await ana.app.rail('Chats').click();
  await ana.app.searchBox.fill('Benny');
  await expect(
    ana.app.searchResults.getByRole('list', { name: 'Chats' }).getByRole('button', { name: 'Benny the Builder' }),
  ).toBeVisible();
  await ana.app.searchBox.fill('');

  // The remark is Ana's alone: Ben still sees his own name nowhere renamed, and hers unchanged.
  await expect(ben.app.page.getByRole('heading', { level: 1, name: ana.name, exact: true })).toBeVisible();
  await ana.context.close();
  await ben.context.close();
});

test('a display name and an avatar are seen live by the peer', async ({ browser }) => {
  const ana = await signedUp(browser, 'ana');
  const ben = await signedUp(browser, 'ben');
  await ben.app.openContact(ana.name);
  await ben.app.send('show me your face');
  await expect(ana.app.chatItem(ben.name)).toBeVisible();
  const entry = ben.app.chatEntry(ana.name);
  await expect(entry.locator('.avatar img')).toHaveCount(0);

  await ana.app.rail('Me').click();
  const chooser = ana.app.page.waitForEvent('filechooser');
  await ana.app.page.getByRole('button', { name: 'Change photo' }).click();
  await (
    await chooser
  ).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: await pngBytes(ana.app.page, 400, 300, '#8e24aa') });
  await expect(ana.app.page.getByRole('button', { name: 'Remove photo' })).toBeVisible();

  // Ben's chat list shows her picture, loaded (a square the server cropped), without a reload.
  const picture = entry.locator('.avatar img');
  await expect(picture).toHaveAttribute('src', /\/api\/media\/[^/]+\/thumbnail$/);
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([256, 256]);

  await ana.app.page.getByRole('textbox', { name: 'Display name' }).fill('Ana Lima 🌸');
  await ana.app.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(ana.app.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(ben.app.chatItem('Ana Lima 🌸')).toBeVisible();
  await expect(ben.app.page.getByRole('heading', { level: 1, name: 'Ana Lima 🌸' })).toBeVisible();
  await ana.context.close();
  await ben.context.close();
});

test('a block from the chat menu: the blocked person’s bubble says it was rejected; unblocking restores it', async ({
  browser,
}) => {
  const ana = await signedUp(browser, 'ana');
  const ben = await signedUp(browser, 'ben');
  await ana.app.openContact(ben.name);
  await ana.app.send('first, before the block');
  await ben.app.openChat(ana.name);
  await expect(ben.app.bubble('first, before the block')).toBeVisible();

  await ben.people.chatMenu('Block');
  const dialog = ben.app.page.getByRole('dialog', { name: `Block ${ana.name}?` });
  await dialog.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  await ana.app.send('are you there?');
  const refused = ana.app.bubble('are you there?');
  await expect(refused).toContainText('Message sent but rejected by the recipient.');
  await expect(refused).toHaveAttribute('data-status', 'refused');
  await expect(refused.getByRole('button', { name: /Retry/ })).toHaveCount(0);

  // Nothing reached Ben: after Ana's next message once unblocked, the refused one is still missing.
  await ben.people.chatMenu('Unblock');
  await ana.app.send('and now?');
  await expect(ben.app.bubble('and now?')).toBeVisible();
  await expect(ben.app.bubble('are you there?')).toHaveCount(0);
  await expect(ana.app.bubble('and now?')).not.toContainText('rejected');

  // The refused bubble stays where it was sent, above what came after, and across a reload (WeChat keeps it so).
  const rows = () => ana.app.log.locator('.row').allInnerTexts();
  const inPlace = async () => {
    const texts = await rows();
    const refusedAt = texts.findIndex((t) => t.includes('are you there?'));
    return refusedAt >= 0 && refusedAt < texts.findIndex((t) => t.includes('and now?'));
  };
  await expect.poll(inPlace).toBe(true);
  await ana.app.page.reload();
  await ana.app.openChat(ben.name);
  await expect(refused).toContainText('Message sent but rejected by the recipient.');
  await expect.poll(inPlace).toBe(true);
  await ana.context.close();
  await ben.context.close();
});

test("a block from a contact's page, and removing a contact, follow in the other tab", async ({ browser }) => {
  const ana = await signedUp(browser, 'ana');
  const ben = await signedUp(browser, 'ben');
  await becomeContacts(ana.app.page.request, ben.app.page.request);
  const second = new ChatApp(await ana.context.newPage());
  await second.page.goto('/');
  const secondPeople = new People(second);

  await ana.people.openPerson(ben.name);
  await ana.app.page.getByRole('button', { name: 'Block', exact: true }).click();
  await ana.app.page.getByRole('dialog').getByRole('button', { name: 'Block', exact: true }).click();
  await expect(ana.app.page.getByRole('button', { name: 'Unblock', exact: true })).toBeVisible();
  await secondPeople.openPerson(ben.name);
  await expect(second.page.getByRole('button', { name: 'Unblock', exact: true })).toBeVisible();

  await ana.app.page.getByRole('button', { name: 'Remove contact' }).click();
  await ana.app.page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(ana.people.contact(ben.name)).toHaveCount(0);
  await expect(secondPeople.contact(ben.name)).toHaveCount(0);
  await ben.app.rail('Contacts').click();
  await expect(ben.people.contact(ana.name)).toHaveCount(0);
  await ana.context.close();
  await ben.context.close();
});

test('with MESSAGING=contacts a message to someone not a contact is refused with its own text, until they accept', async ({
  browser,
  playwright,
}) => {
  const server = new ServerProcess(await freePort(), { MESSAGING: 'contacts' });
  await server.start();
  const api = await playwright.request.newContext({ baseURL: server.url });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const ana = new ChatApp(await context.newPage());
    await ana.signUp(uniqueName('ana'));
    const ben = await ApiPeer.register(api, uniqueName('ben'));
    await ana.openContact(ben.name);
    await ana.send('hello stranger');
    const refused = ana.bubble('hello stranger');
    await expect(refused).toContainText('You are not contacts. Send a contact request');
    await expect(refused.getByRole('button', { name: /Retry/ })).toHaveCount(0);
    const chat = await ben.chatWith(await myId(ana.page.request));
    expect(await ben.texts(chat.id)).toEqual([]);

    await new People(ana).requestContact(ben.name, 'may I write to you?');
    const [request] = await ben.incomingRequests();
    expect(request?.note).toBe('may I write to you?');
    await ben.accept(request!.id);
    await ana.openChat(ben.name);
    await ana.send('thanks for accepting');
    await expect(ana.bubble('thanks for accepting')).toHaveAttribute('data-status', /sent|read/);
    expect(await ben.texts(chat.id)).toEqual(['thanks for accepting']);
  } finally {
    await api.dispose();
    await server.kill();
  }
});

test('the Contacts tab groups contacts by the initial of their name, Chinese names by pinyin', async ({
  page,
  request,
}) => {
  const ana = new ChatApp(page);
  await ana.signUp(uniqueName('ana'));
  const anaId = await myId(page.request);
  const people = new People(ana);
  const signInNames = new Map<string, string>();
  for (const displayName of ['张伟', '阿明', 'Bob Lee', 'Zoe', '王芳', '😀 smiley']) {
    const peer = await ApiPeer.register(request, uniqueName('p'));
    await peer.setDisplayName(displayName);
    await peer.requestContact(anaId, `Hi, I'm ${displayName}`);
    signInNames.set(displayName, peer.name);
  }
  await ana.rail('Contacts').click();
  await expect(people.newFriends).toHaveAccessibleDescription('6 new');
  await people.newFriends.click();
  // A display name can be anyone's; the unique sign-in name shows under it.
  await expect(
    page.getByRole('list', { name: 'Requests to you' }).getByRole('listitem').filter({ hasText: 'Bob Lee' }),
  ).toContainText(`Name: ${signInNames.get('Bob Lee')}`);
  for (let left = 6; left > 0; left--) {
    await page
      .getByRole('button', { name: /^Accept / })
      .first()
      .click();
    await expect(page.getByRole('button', { name: /^Accept / })).toHaveCount(left - 1);
  }
  const groups = people.contactsColumn.getByRole('heading', { level: 2 });
  await expect(groups).toHaveText(['A', 'B', 'W', 'Z', '#']);
  const group = (letter: string) => page.getByRole('list', { name: letter, exact: true }).getByRole('button');
  await expect(group('A')).toHaveText(['阿明']);
  await expect(group('W')).toHaveText(['王芳']);
  await expect(group('Z')).toHaveText(['张伟', 'Zoe']);
  await expect(group('#')).toHaveText(['😀 smiley']);
  await people.openPerson('张伟');
  await page.screenshot({ path: '../docs/screenshots/contacts.png' });
});
