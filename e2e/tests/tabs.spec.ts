import { expect, test, type Page } from '@playwright/test';
import { uniqueName } from '../pages/chat-app.ts';
import { cuttableLink, person, secondTab } from '../pages/tabs.ts';

/** Issue 11, "tabs that disagree": tabs of one person stay in step with the server and with each other. */

/** The Page Visibility API as a person switching to another window would drive it. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in', level: 1 });

test('signing out in one tab takes the other tabs of that session to the sign-in screen', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const tab2 = await secondTab(ana.context);
  let link: Awaited<ReturnType<typeof cuttableLink>> | undefined;
  const tab3 = await secondTab(ana.context, async (page) => {
    link = await cuttableLink(page);
  });

  await test.step('tab 3 is away (its socket is down) when tab 1 signs out', async () => {
    await link!.cut();
    await expect(tab3.page.getByRole('status')).toHaveText('Connection lost. Reconnecting…');
  });

  await ana.app.rail('Settings').click();
  await ana.app.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInHeading(ana.app.page)).toBeVisible();

  await test.step('tab 2 hears the 1008 close and shows the sign-in screen, not "Reconnecting…"', async () => {
    await expect(signInHeading(tab2.page)).toBeVisible();
    await expect(tab2.page.getByRole('status')).toHaveCount(0);
    await expect(tab2.rail('Chats')).toHaveCount(0);
  });

  await test.step('tab 3, refused (401) when it tries again, shows the sign-in screen too', async () => {
    link!.restore();
    await expect(signInHeading(tab3.page)).toBeVisible({ timeout: 30_000 });
    await expect(tab3.page.getByRole('status')).toHaveCount(0);
  });
  await ana.context.close();
});

test('a tab that was away while another tab deleted the chat shows only what came after', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  let link: Awaited<ReturnType<typeof cuttableLink>> | undefined;
  const tab2 = await secondTab(ana.context, async (page) => {
    link = await cuttableLink(page);
  });

  await ben.app.openContact(ana.name);
  await ben.app.send('deleted one');
  await ben.app.send('deleted two');
  await ana.app.openChat(ben.name);
  await tab2.openChat(ben.name);
  await expect(tab2.bubble('deleted two')).toBeVisible();

  await test.step('tab 2 goes away; tab 1 deletes the chat; Ben writes again', async () => {
    await link!.cut();
    await expect(tab2.page.getByRole('status')).toHaveText('Connection lost. Reconnecting…');
    await ana.app.page.getByRole('button', { name: `More actions for ${ben.name}` }).click();
    await ana.app.page.getByRole('menuitem', { name: 'Delete chat' }).click();
    await ana.app.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(ana.app.chatItem(ben.name)).toHaveCount(0);
    await ben.app.send('new');
    await ana.app.openChat(ben.name);
    await expect(ana.app.bubble('new')).toBeVisible();
    await expect(ana.app.bubble('deleted one')).toHaveCount(0);
  });

  await test.step('tab 2 comes back and agrees with tab 1 and the server', async () => {
    link!.restore();
    await expect(tab2.page.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
    await expect(tab2.bubble('new')).toBeVisible();
    await expect(tab2.bubble('deleted one')).toHaveCount(0);
    await expect(tab2.bubble('deleted two')).toHaveCount(0);
  });
  await ana.context.close();
  await ben.context.close();
});

test('a peer shows online however many accounts sort before them', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const request = await playwright.request.newContext({ baseURL });
  const prefix = `a${uniqueName('')}`;
  for (let i = 0; i < 101; i += 1) {
    const res = await request.post('/api/auth/register', { data: { name: `${prefix}${i}`, password: 'password123' } });
    expect(res.status()).toBe(201);
  }
  await request.dispose();
  const ana = await person(browser, uniqueName('ana'));
  const zoe = await person(browser, `zz${uniqueName('zoe')}`);
  await zoe.app.openContact(ana.name);
  // A chat just opened from Contacts learns its peer's presence from the same source (a chat-list refresh).
  await expect(zoe.app.page.getByRole('heading', { name: ana.name, exact: true }).locator('..')).toContainText(
    'Online',
  );
  await zoe.app.send('hello');

  // Reloaded, Ana's tab learns presence from her chat list alone (the list's dot, before anything is opened).
  await ana.app.page.reload();
  const dot = ana.app.chatEntry(zoe.name).locator('.online-dot');
  await expect(dot).toBeVisible();
  await zoe.context.close();
  await expect(dot).toHaveCount(0);
  await ana.context.close();
});

test('a message that arrives in the open chat while the tab is hidden counts in the title until seen', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  await ben.app.openContact(ana.name);
  await ben.app.send('first');
  await ana.app.openChat(ben.name);
  await expect(ben.app.bubble('first')).toHaveAttribute('data-status', 'read');

  await setHidden(ana.app.page, true);
  await ben.app.send('while away');
  await expect(ana.app.bubble('while away')).toBeVisible();
  await expect(ana.app.page).toHaveTitle('(1) pairchat');
  await expect(ben.app.bubble('while away')).toHaveAttribute('data-status', 'sent');

  await setHidden(ana.app.page, false);
  await expect(ana.app.page).toHaveTitle('pairchat');
  await expect(ben.app.bubble('while away')).toHaveAttribute('data-status', 'read');
  await ana.context.close();
  await ben.context.close();
});
