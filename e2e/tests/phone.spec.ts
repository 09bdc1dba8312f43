import { devices, expect, test } from '@playwright/test';
import { freePort } from '@pairchat/testing';
import { ServerProcess } from '../fixtures/server.ts';
import { ApiPeer, myId } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

test.use({ ...devices['Pixel 7'] });

test('on a phone the list and the chat are two pages with a back button', async ({ browser }) => {
  const benContext = await browser.newContext();
  const ben = new ChatApp(await benContext.newPage());
  const benName = uniqueName('ben');
  await ben.register(benName);

  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
  const ana = new ChatApp(await context.newPage());
  const anaName = uniqueName('ana');
  await ana.register(anaName);
  await ben.openContact(anaName);
  await ben.send('hello phone');

  await expect(ana.chatItem(benName)).toBeVisible();
  await expect(ana.unreadBadge(benName)).toHaveText('1');
  await ana.page.screenshot({ path: '../docs/screenshots/phone-chat-list.png' });
  await ana.chatItem(benName).click();
  await expect(ana.page.getByRole('navigation')).toBeHidden();
  await expect(ana.bubble('hello phone')).toBeVisible();
  await ana.send('hi from my phone');
  await expect(ben.bubble('hi from my phone')).toBeVisible();
  await ana.page.screenshot({ path: '../docs/screenshots/phone-chat.png' });
  await ana.page.getByRole('button', { name: 'Back' }).click();
  await expect(ana.chatItem(benName)).toBeVisible();
  await expect(ana.page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await context.close();
  await benContext.close();
});

const { defaultBrowserType: _phoneBrowser, ...phone } = devices['Pixel 7'];

for (const { locale, tabs, back } of [
  { locale: 'en-US', tabs: ['Chats', 'Contacts', 'Me'], back: 'Back' },
  { locale: 'zh-CN', tabs: ['微信', '通讯录', '我'], back: '返回' },
]) {
  test(`on a phone (${locale}) the tabs have labels, the list a title bar, and Back counts the other chats' unread`, async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ ...phone, locale });
    const ana = new ChatApp(await context.newPage());
    await ana.signUp(uniqueName('ana'));
    const nav = ana.page.getByRole('navigation');
    for (const tab of tabs) await expect(nav.getByRole('button', { name: tab, exact: true })).toHaveText(tab);
    await expect(ana.page.getByRole('heading', { level: 1, name: tabs[0], exact: true })).toBeVisible();

    const anaId = await myId(ana.page.request);
    const ben = await ApiPeer.register(request, uniqueName('ben'));
    const cleo = await ApiPeer.register(request, uniqueName('cleo'));
    const benChat = await ben.chatWith(anaId);
    await ben.send(benChat.id, 'one');
    await ben.send(benChat.id, 'two');
    await cleo.send((await cleo.chatWith(anaId)).id, 'hi from cleo');

    await ana.page.getByRole('button', { name: cleo.name, exact: true }).click();
    const backButton = ana.page.getByRole('button', { name: new RegExp(`^${back}`) });
    await expect(backButton).toBeVisible();
    await expect(backButton).toContainText('2');
    await ben.send(benChat.id, 'three');
    await expect(backButton).toContainText('3');
    await backButton.click();
    await expect(ana.page.getByRole('heading', { level: 1, name: tabs[0], exact: true })).toBeVisible();
    await context.close();
  });
}

test('on a phone a lost connection shows inside the open chat', async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const server = new ServerProcess(await freePort());
  await server.start();
  const request = await playwright.request.newContext({ baseURL: server.url });
  try {
    const context = await browser.newContext({ ...phone, locale: 'en-US', baseURL: server.url });
    const ana = new ChatApp(await context.newPage());
    await ana.signUp(uniqueName('ana'));
    const ben = await ApiPeer.register(request, uniqueName('ben'));
    await ben.send((await ben.chatWith(await myId(ana.page.request))).id, 'hello');
    await ana.chatItem(ben.name).click();
    const pane = ana.page.getByRole('region', { name: ben.name });
    await expect(pane.getByRole('log')).toContainText('hello');

    await server.kill();
    await expect(pane.getByRole('status')).toHaveText('Connection lost. Reconnecting…');
    await server.start();
    await expect(ana.page.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
    await context.close();
  } finally {
    await request.dispose();
    await server.kill();
  }
});
