import { devices, expect, test } from '@playwright/test';
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
