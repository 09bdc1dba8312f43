import { expect, test, type Browser, type Locator } from '@playwright/test';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

/**
 * What a person sees of the text rules (issue 11 item 1): the composer counts user-perceived characters as the server
 * does, says so when a paste is too long instead of cutting it, and right-to-left text lays out right to left in the
 * bubble, the chat list and the composer of an English interface.
 */

async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  await app.register(name);
  return { context, app, name };
}

const direction = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).direction);

test('the composer counts emoji as characters, never cuts a paste, and refuses invisible-only text', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  await ana.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ana.app.openContact(ben.name);
  const send = ana.app.page.getByRole('button', { name: 'Send', exact: true });

  await test.step('a text of only zero-width characters cannot be sent', async () => {
    await ana.app.composer.fill('\u200b\u200d');
    await expect(send).toBeDisabled();
  });

  await test.step('control characters (a bell, an escape) are dropped on sending, not a reason it cannot be sent', async () => {
    await ana.app.composer.fill('ding\u0007 \u001b[1mbold');
    await expect(send).toBeEnabled();
    await send.click();
    await expect(ana.app.composer).toHaveValue('');
    // The bubble, once acknowledged, shows the message as the server stored it; so does Ben's chat list.
    await expect(ana.app.log.locator('.row.mine').last()).toHaveAttribute('data-status', 'sent');
    await expect(ana.app.log.locator('.bubble').last()).toHaveText('ding [1mbold');
    await expect(ben.app.chatEntry(ana.name)).toContainText('ding [1mbold');
  });

  await test.step('a pasted 4,500-character text stays whole and says it is too long', async () => {
    await ana.app.composer.fill('');
    const long = 'x'.repeat(4500);
    await ana.app.page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await ana.app.composer.press('ControlOrMeta+V');
    await expect(ana.app.composer).toHaveValue(long);
    await expect(ana.app.page.getByText('Too long to send: 4500 characters, at most 4000.')).toBeVisible();
    await expect(send).toBeDisabled();
  });

  await test.step('4,000 emoji fit, with the counter at the limit, and are delivered whole', async () => {
    const emoji = '😀'.repeat(4000);
    await ana.app.composer.fill(emoji);
    await expect(ana.app.page.getByText('4000/4000')).toBeVisible();
    await expect(send).toBeEnabled();
    await ana.app.composer.press('Enter');
    await expect(ana.app.log.locator('.row.mine').last()).toHaveAttribute('data-status', 'sent');
    await ben.app.openChat(ana.name);
    await expect(ben.app.log.locator('.bubble').last()).toHaveText(emoji);
  });

  await test.step('2,900 family emoji (72 KB, more than a frame may carry) are sent whole, with no reconnect', async () => {
    const family = '👨‍👩‍👧‍👦'.repeat(2900);
    await ana.app.composer.fill(family);
    await ana.app.composer.press('Enter');
    await expect(ana.app.log.locator('.row.mine').last()).toHaveAttribute('data-status', 'sent');
    await expect(ana.app.page.getByText('Connection lost')).toHaveCount(0);
    await expect(ben.app.log.locator('.bubble').last()).toHaveText(family);
  });
});

test('right-to-left text reads right to left in the bubble, the chat list and the composer', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  await ana.app.openContact(ben.name);
  await ana.app.send('שלום, how are you?');
  await ana.app.send('hello שלום');

  await ben.app.openChat(ana.name);
  const hebrew = ben.app.bubble('שלום, how are you?').locator('.bubble');
  const english = ben.app.bubble('hello שלום').locator('.bubble');
  expect(await direction(hebrew)).toBe('rtl');
  expect(await direction(english)).toBe('ltr');

  await ana.app.send('مرحبا');
  await expect(ben.app.bubble('مرحبا')).toBeVisible();
  const preview = ben.app.chatEntry(ana.name).getByText('مرحبا');
  expect(await direction(preview)).toBe('rtl');

  await ben.app.composer.fill('مرحبا بك');
  expect(await direction(ben.app.composer)).toBe('rtl');
  await ben.app.composer.fill('hello');
  expect(await direction(ben.app.composer)).toBe('ltr');
});

test('a name of letters outside the Basic Multilingual Plane is taken whole at sign-up', async ({ page }) => {
  // 20 CJK Extension B letters are 20 characters but 40 UTF-16 units: a length cap in UTF-16 units would cut them.
  const name = '\u{20000}\u{20001}'.repeat(10) + uniqueName('a').slice(-6);
  const app = new ChatApp(page);
  await app.register(name);
  const me = await page.request.get('/api/me');
  expect(((await me.json()) as { user: { name: string } }).user.name).toBe(name);
});
