import { expect, test, type Browser } from '@playwright/test';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

/** Issue 11 item 4: a draft stays with its chat, as in WeChat. */

async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  await app.register(name);
  return { context, app, name };
}

test('a draft stays with its chat across chat switches and a reload, and the list marks it in red', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  const cat = await person(browser, uniqueName('cat'));
  await ben.app.openContact(ana.name);
  await ben.app.send('hi from ben');
  await cat.app.openContact(ana.name);
  await cat.app.send('hi from cat');

  await ana.app.openChat(ben.name);
  await ana.app.composer.fill('half a thought for ben');
  await ana.app.openChat(cat.name);
  await expect(ana.app.composer).toHaveValue('');

  const preview = ana.app.chatEntry(ben.name).locator('.chat-last');
  await expect(preview).toHaveText('[Draft] half a thought for ben');
  await expect(preview.getByText('[Draft]')).toHaveCSS('color', 'rgb(179, 38, 30)');

  await ana.app.openChat(ben.name);
  await expect(ana.app.composer).toHaveValue('half a thought for ben');

  await test.step('after a reload the draft is still there, and sending it clears it', async () => {
    await ana.app.page.reload();
    await expect(preview).toHaveText('[Draft] half a thought for ben');
    await ana.app.openChat(ben.name);
    await expect(ana.app.composer).toHaveValue('half a thought for ben');
    await ana.app.composer.press('Enter');
    await expect(ben.app.bubble('half a thought for ben')).toBeVisible();
    await ana.app.openChat(cat.name);
    await expect(preview).toHaveText(`You: half a thought for ben`);
    await ana.app.page.reload();
    await ana.app.openChat(ben.name);
    await expect(ana.app.composer).toHaveValue('');
  });
  for (const p of [ana, ben, cat]) await p.context.close();
});

test('in Chinese the chat list marks a draft 草稿', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  const cat = await person(browser, uniqueName('cat'));
  await ben.app.openContact(ana.name);
  await ben.app.send('你好');
  await cat.app.openContact(ana.name);
  await cat.app.send('在吗');
  await ana.app.rail('Settings').click();
  await ana.app.page.getByLabel('Language').selectOption('zh');

  const chats = ana.app.page.getByRole('list', { name: '聊天' });
  const item = (name: string) => chats.getByRole('button', { name, exact: true });
  const entry = (name: string) =>
    chats.getByRole('listitem').filter({ has: ana.app.page.getByRole('button', { name, exact: true }) });
  await ana.app.page.getByRole('navigation').getByRole('button', { name: '微信', exact: true }).click();
  await item(ben.name).click();
  await ana.app.page.getByRole('textbox', { name: '消息' }).fill('还没写完');
  await item(cat.name).click();
  await expect(entry(ben.name).locator('.chat-last')).toHaveText('[草稿] 还没写完');
  for (const p of [ana, ben, cat]) await p.context.close();
});
