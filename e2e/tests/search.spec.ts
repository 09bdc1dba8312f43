import { expect, test } from '@playwright/test';
import { anaAndBen, ApiPeer, myId } from '../pages/api-peer.ts';
import { uniqueName } from '../pages/chat-app.ts';

/** Issue 14: WeChat's 搜索 above the chat list, and 查找聊天记录 in one chat. */

test('a message found opens its chat at it, highlighted, and the chat then pages both ways', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  for (let i = 1; i <= 130; i += 1) await ben.send(chat.id, i === 40 ? '我们明天在北京见面' : `filler ${i}.`);
  await expect(ana.chatEntry(ben.name)).toContainText('filler 130.');
  await page.reload(); // this tab kept every message the socket brought: a fresh one holds none

  const hits = ana.searchResults.getByRole('list', { name: 'Messages' });
  await test.step('Chinese without word breaks finds the message, the match highlighted as text', async () => {
    await ana.searchBox.fill('北京');
    await expect(hits.getByRole('listitem')).toHaveCount(1);
    await expect(hits.locator('mark')).toHaveText('北京');
    await expect(hits).toContainText('我们明天在北京见面');
  });

  const found = ana.log.locator('.row', { hasText: '我们明天在北京见面' });
  await test.step('choosing it opens the chat at it, highlighted, without the newest page', async () => {
    await hits.getByRole('button', { name: ben.name }).click();
    await expect(found).toBeInViewport();
    await expect(found).toHaveClass(/highlighted/);
    await expect(ana.log.locator('.bubble', { hasText: /^filler 130\.$/ })).toHaveCount(0);
  });

  await test.step('scrolling up loads older pages to the start', async () => {
    await expect(async () => {
      await ana.log.evaluate((el) => (el.scrollTop = 0));
      await expect(ana.log.getByText(`Start of your chat with ${ben.name}`)).toBeVisible({ timeout: 500 });
    }).toPass();
    await expect(ana.log.locator('.bubble', { hasText: /^filler 1\.$/ })).toBeVisible();
  });

  await test.step('scrolling down loads newer pages to the newest, and new messages show again', async () => {
    const newest = ana.log.locator('.bubble', { hasText: /^filler 130\.$/ });
    await expect(async () => {
      await ana.log.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(newest).toBeInViewport({ timeout: 500 });
    }).toPass();
    await ben.send(chat.id, 'and one more');
    await expect(ana.bubble('and one more')).toBeVisible();
  });
});

test('search within one chat from its header finds only that chat, in any case', async ({ page, request }) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  const cy = await ApiPeer.register(request, uniqueName('cy'));
  const cyChat = await cy.chatWith(await myId(page.request));
  await cy.send(cyChat.id, 'alpha from cy');
  await ben.send(chat.id, 'alpha one');
  await ben.send(chat.id, 'beta');
  await ben.send(chat.id, 'ALPHA two');
  await ana.openChat(ben.name);

  await page.getByRole('button', { name: 'Search chat history' }).click();
  const dialog = page.getByRole('dialog', { name: `Search chat history with ${ben.name}` });
  await dialog.getByRole('searchbox').fill('alpha');
  const results = dialog.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText('ALPHA two');
  await expect(dialog).not.toContainText('alpha from cy');
  await results.nth(1).getByRole('button').click();
  await expect(dialog).toHaveCount(0);
  await expect(ana.log.locator('.row', { hasText: 'alpha one' })).toHaveClass(/highlighted/);
});

test('the search box finds a person and a chat by a part from the middle of the name; a contact by display name', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  await ben.send(chat.id, 'hello');
  await expect(ana.chatEntry(ben.name)).toContainText('hello');
  const middle = ben.name.slice(2, 7);
  await ana.searchBox.fill(middle);
  // Ben is not Ana's contact (yet): he is among the other people, not under Contacts.
  const others = ana.searchResults.getByRole('list', { name: 'Other people' });
  await expect(others.getByRole('button', { name: ben.name })).toBeVisible();
  await expect(others.locator('mark').first()).toHaveText(middle);
  await expect(ana.searchResults.getByRole('list', { name: 'Contacts' })).toHaveCount(0);
  await expect(
    ana.searchResults.getByRole('list', { name: 'Chats' }).getByRole('button', { name: ben.name }),
  ).toBeVisible();

  // Once he is, he is a contact, and his display name finds him there too.
  const asked = await page.request.post('/api/contacts/requests', { data: { userId: ben.id, note: 'hi' } });
  expect(asked.status()).toBe(201);
  const [incoming] = await ben.incomingRequests();
  await ben.accept(incoming!.id);
  await ben.setDisplayName('Benjamin 本杰明');
  await ana.searchBox.fill('本杰');
  const contacts = ana.searchResults.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByRole('button', { name: 'Benjamin 本杰明' })).toBeVisible();
  await expect(ana.searchResults.getByRole('list', { name: 'Other people' })).toHaveCount(0);
});
