import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ChatsAnswerSchema } from '@pairchat/schema';
import { ApiPeer, myId } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';
import { setHidden } from '../pages/visibility.ts';

/**
 * Issue 15, browser notifications: while no tab of the app is visible, a message makes one notification (the
 * sender's name and the text, or "New message"), whichever tabs are open; a click opens the chat.
 */

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/**
 * Notification permission granted, and every `new Notification(…)` of the pages recorded (`window.__shown`), the
 * real one still made: `window.__clickLast()` runs the newest one's click handler, as a person's click would.
 */
async function recordingContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['notifications'] });
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string; tag: string }[] = [];
    const made: Notification[] = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        super(title, options);
        made.push(this);
      }
    }
    Object.assign(window, {
      Notification: Recorded,
      __shown: shown,
      __clickLast: () => made.at(-1)?.onclick?.call(made.at(-1)!, new Event('click')),
    });
  });
  return context;
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);

/** Ana in a recording context with notifications turned on in Settings, and Ben (over the API) with a chat to her. */
async function anaWithNotifications(browser: Browser, request: APIRequestContext) {
  const context = await recordingContext(browser);
  const ana = new ChatApp(await context.newPage());
  await ana.signUp(uniqueName('ana'));
  const ben = await ApiPeer.register(request, uniqueName('ben'));
  const chat = await ben.chatWith(await myId(ana.page.request));
  await ana.rail('Me').click();
  const toggle = ana.page.getByRole('switch', { name: 'Notifications' });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  return { context, ana, ben, chat };
}

/** Waits until a tab shows Ben's last message in its chat list: by then it has applied the message frame. */
async function arrived(app: ChatApp, ben: ApiPeer, text: string): Promise<void> {
  await app.rail('Chats').click();
  await expect(app.chatEntry(ben.name)).toContainText(text);
}

test('a message while the page is hidden makes one notification; none while visible; a click opens the chat', async ({
  browser,
  request,
}) => {
  const { context, ana, ben, chat } = await anaWithNotifications(browser, request);

  await test.step('no permission prompt or notification came before the switch', async () => {
    expect(await shown(ana.page)).toEqual([]);
  });

  await test.step('hidden: the sender and the text', async () => {
    await setHidden(ana.page, true);
    await ben.send(chat.id, 'lunch at noon?');
    await expect.poll(() => shown(ana.page)).toHaveLength(1);
    expect((await shown(ana.page))[0]).toMatchObject({ title: ben.name, body: 'lunch at noon?' });
  });

  await test.step('visible: none', async () => {
    await setHidden(ana.page, false);
    await ben.send(chat.id, 'seen on screen');
    await arrived(ana, ben, 'seen on screen');
    expect(await shown(ana.page)).toHaveLength(1);
  });

  await test.step('preview off: only "New message"', async () => {
    await ana.rail('Me').click();
    await ana.page.getByRole('switch', { name: 'Show message preview' }).click();
    await expect(ana.page.getByRole('switch', { name: 'Show message preview' })).not.toBeChecked();
    await setHidden(ana.page, true);
    await ben.send(chat.id, 'a secret');
    await expect.poll(() => shown(ana.page)).toHaveLength(2);
    expect((await shown(ana.page))[1]).toMatchObject({ title: ben.name, body: 'New message' });
  });

  await test.step('clicking the notification opens the chat', async () => {
    await ana.rail('Me').click();
    await ana.page.evaluate(() => (window as unknown as { __clickLast: () => void }).__clickLast());
    await expect(ana.page.getByRole('heading', { name: ben.name, exact: true })).toBeVisible();
  });

  await test.step('a muted chat: none, while hidden; unmuted again: one', async () => {
    const mine = ChatsAnswerSchema.parse(await (await ana.page.request.get('/api/chats')).json()).chats;
    const annChat = mine.find((c) => c.peer.name === ben.name)!;
    const mute = (muted: boolean) => ana.page.request.patch(`/api/chats/${annChat.id}`, { data: { muted } });
    expect((await mute(true)).status()).toBe(200);
    await setHidden(ana.page, true);
    await ben.send(chat.id, 'while muted');
    await arrived(ana, ben, 'while muted');
    expect(await shown(ana.page)).toHaveLength(2);
    expect((await mute(false)).status()).toBe(200);
    await ben.send(chat.id, 'unmuted');
    await expect.poll(() => shown(ana.page)).toHaveLength(3);
    await setHidden(ana.page, false);
  });

  await test.step('notifications off: none, hidden or not', async () => {
    await ana.rail('Me').click();
    await ana.page.getByRole('switch', { name: 'Notifications' }).click();
    await expect(ana.page.getByRole('switch', { name: 'Notifications' })).not.toBeChecked();
    await ben.send(chat.id, 'after off');
    await arrived(ana, ben, 'after off');
    expect(await shown(ana.page)).toHaveLength(3);
  });
  await context.close();
});

test('two tabs of one person: one notification per message, none while either tab is visible', async ({
  browser,
  request,
}) => {
  const { context, ana, ben, chat } = await anaWithNotifications(browser, request);
  const tab2 = new ChatApp(await context.newPage());
  await tab2.page.goto('/');
  await expect(tab2.rail('Chats')).toBeVisible();
  const total = async () => (await shown(ana.page)).length + (await shown(tab2.page)).length;

  await test.step('one tab visible: no notification from either', async () => {
    await setHidden(ana.page, true);
    await ben.send(chat.id, 'one is looking');
    await arrived(tab2, ben, 'one is looking');
    await expect(ana.page.getByRole('switch', { name: 'Notifications' })).toBeChecked();
    expect(await total()).toBe(0);
  });

  await test.step('both hidden: exactly one', async () => {
    await setHidden(tab2.page, true);
    await ben.send(chat.id, 'nobody is looking');
    await expect.poll(total).toBe(1);
    // Both tabs have applied the message: the one that did not notify chose not to.
    for (const tab of [ana, tab2]) await arrived(tab, ben, 'nobody is looking');
    expect(await total()).toBe(1);
    await ben.send(chat.id, 'and again');
    await expect.poll(total).toBe(2);
  });
  await context.close();
});

test("the service worker's open-chat message, and /?chat=<id> on load, open that chat", async ({ page, request }) => {
  const ana = new ChatApp(page);
  await ana.signUp(uniqueName('ana'));
  const ben = await ApiPeer.register(request, uniqueName('ben'));
  const benChat = await ben.chatWith(await myId(page.request));
  await ben.send(benChat.id, 'open me');
  const anaChats = ChatsAnswerSchema.parse(await (await page.request.get('/api/chats')).json()).chats;
  const anaChat = anaChats.find((c) => c.peer.id === ben.id)!;
  const heading = page.getByRole('heading', { name: ben.name, exact: true });

  await test.step('a notification clicked while this tab is open: the worker posts open-chat', async () => {
    await page.reload();
    await expect(ana.chatItem(ben.name)).toBeVisible();
    await expect(heading).toHaveCount(0);
    // What sw.ts's notificationclick posts to the tab (a MessageEvent on navigator.serviceWorker).
    await page.evaluate((chatId) => {
      navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'open-chat', chatId } }));
    }, anaChat.id);
    await expect(heading).toBeVisible();
  });

  await test.step('no tab was open: the worker opens /?chat=<id>, and the address loses the parameter', async () => {
    await page.goto(`/?chat=${anaChat.id}`);
    await expect(heading).toBeVisible();
    await expect(ana.bubble('open me')).toBeVisible();
    expect(new URL(page.url()).search).toBe('');
  });
});
