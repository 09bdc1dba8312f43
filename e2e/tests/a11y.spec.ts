import { devices, expect, test } from '@playwright/test';
import { anaAndBen, ApiPeer, myId } from '../pages/api-peer.ts';
import { expectAccessible } from '../pages/axe.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';
import { pngBytes } from '../pages/media.ts';

const { defaultBrowserType: _phoneBrowser, ...phone } = devices['Pixel 7'];
const desktop = devices['Desktop Chrome'];

const en = {
  more: 'More actions for',
  del: 'Delete chat',
  forward: 'Forward',
  photo: 'Open photo',
  emoji: 'Emoji',
  newFriends: 'New friends',
  add: 'Add contacts',
  account: 'Account and security',
  back: 'Back',
};
const zh = {
  more: '的更多操作',
  del: '删除聊天',
  forward: '转发',
  photo: '查看图片',
  emoji: '表情',
  newFriends: '新的朋友',
  add: '添加朋友',
  account: '账号与安全',
  back: '返回',
};
const variants = [
  {
    name: 'desktop, English',
    device: desktop,
    locale: 'en-US',
    words: en,
  },
  { name: 'desktop, Chinese', device: desktop, locale: 'zh-CN', words: zh },
  { name: 'phone, English', device: phone, locale: 'en-US', words: en },
  { name: 'phone, Chinese', device: phone, locale: 'zh-CN', words: zh },
];

/**
 * Each screen is checked in the light scheme, in the dark one the system asks for (prefers-color-scheme), and in
 * the dark one chosen in Settings on a light system: axe's color-contrast rule holds both palettes to WCAG AA.
 */
const schemes = [
  { name: 'light', colorScheme: 'light', chooseDark: false },
  { name: 'dark from the system', colorScheme: 'dark', chooseDark: false },
  { name: 'dark chosen in Settings', colorScheme: 'light', chooseDark: true },
] as const;

for (const v of variants) {
  for (const scheme of schemes) {
    test(`axe finds no critical, serious or moderate violation on any screen (${v.name}, ${scheme.name})`, async ({
      browser,
      request,
    }) => {
      const context = await browser.newContext({ ...v.device, locale: v.locale, colorScheme: scheme.colorScheme });
      const page = await context.newPage();
      const ana = new ChatApp(page);
      const tabs = page.getByRole('navigation').getByRole('button');
      if (scheme.chooseDark) {
        // Choose Dark in Settings, then sign out: the choice stays with the browser for the sign-in screen.
        await ana.signUp(uniqueName('ana'));
        await tabs.nth(2).click();
        await page.getByRole('combobox', { name: /^(Appearance|外观)$/ }).selectOption('dark');
        await page.getByRole('button', { name: /^(Sign out|退出登录)$/ }).click();
      } else {
        await page.goto('/');
      }
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const dark = scheme.colorScheme === 'dark' || scheme.chooseDark;
      // the page's own background (--canvas): the scheme under test is the one in force
      await expect(page.locator('html')).toHaveCSS('background-color', dark ? 'rgb(10, 10, 10)' : 'rgb(230, 230, 230)');
      await expectAccessible(page, 'sign-in');

      await ana.signUp(uniqueName('ana'));
      const ben = await ApiPeer.register(request, uniqueName('ben'));
      const chat = await ben.chatWith(await myId(page.request));
      await ben.requestContact(await myId(page.request), 'hello, add me');
      await ben.send(chat.id, 'hello https://example.com');
      await ben.sendPhoto(chat.id, await pngBytes(page, 300, 200, '#2e7d32'));
      await ben.send(chat.id, 'second');
      const entry = page.getByRole('listitem').filter({ hasText: 'second' });
      await expect(entry).toBeVisible();
      await expectAccessible(page, 'chat list');

      await entry.getByRole('button', { name: ben.name, exact: true }).click();
      await expect(page.getByRole('log')).toContainText('second');
      await expectAccessible(page, 'open chat');

      await page.getByRole('button', { name: v.words.photo }).click();
      await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
      await expectAccessible(page, 'the photo viewer');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await page.getByRole('button', { name: v.words.emoji, exact: true }).click();
      await expect(page.getByRole('dialog', { name: v.words.emoji }).getByRole('gridcell').first()).toBeVisible();
      await expectAccessible(page, 'the emoji panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page.getByRole('log').locator('.bubble', { hasText: 'second' }).click({ button: 'right' });
      await expect(page.getByRole('menu')).toBeVisible();
      await expectAccessible(page, 'the message menu');
      await page.getByRole('menuitem', { name: v.words.forward }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(page.getByRole('dialog').getByRole('checkbox').first()).toBeVisible();
      await expectAccessible(page, 'the forward dialog');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      if (v.device === phone) await page.getByRole('button', { name: /^(Back|返回)/ }).click();
      await tabs.nth(1).click();
      await expect(page.getByRole('searchbox')).toBeVisible();
      await expect(page.getByRole('listitem').first()).toBeVisible();
      await expectAccessible(page, 'contacts');

      // The pages beside Contacts: New friends, a person's page, Add contacts (on a phone each covers the list).
      const back = async () => {
        if (v.device === phone) await page.getByRole('button', { name: v.words.back, exact: true }).click();
      };
      await page.getByRole('button', { name: v.words.newFriends, exact: true }).click();
      await expect(page.getByRole('button', { name: new RegExp(ben.name) }).first()).toBeVisible();
      await expectAccessible(page, 'new friends');
      await page.getByRole('button', { name: ben.name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: ben.name })).toBeVisible();
      await expectAccessible(page, "a person's page");
      await back();
      await page.getByRole('button', { name: v.words.add, exact: true }).click();
      await page.getByRole('searchbox').last().fill(ben.name);
      await expect(page.getByRole('button', { name: ben.name, exact: true })).toBeVisible();
      await expectAccessible(page, 'add contacts');
      await back();

      await tabs.nth(2).click();
      await expect(page.getByRole('combobox').first()).toBeVisible();
      await expectAccessible(page, 'settings');
      await page.getByRole('button', { name: v.words.account, exact: true }).click();
      await expect(page.getByRole('list').getByRole('listitem').first()).toBeVisible();
      await expectAccessible(page, 'account and security');
      await back();

      await tabs.nth(0).click();
      const search = page.getByRole('searchbox');
      await search.fill('second');
      await expect(page.getByRole('region').locator('mark').first()).toBeVisible();
      await expectAccessible(page, 'search results');
      await search.fill('');

      await entry.getByRole('button', { name: new RegExp(v.words.more) }).click();
      await page.getByRole('menuitem', { name: v.words.del }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessible(page, 'the delete confirmation');
      await context.close();
    });
  }
}

test('by keyboard and screen reader: chat entries, menus, the dialog and the message list', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  for (const text of ['first', 'second', 'third']) await ben.send(chat.id, text);

  await test.step('a chat entry tells its last message and unread count', async () => {
    await expect(ana.chatItem(ben.name)).toHaveAccessibleDescription(/third.*3 unread/);
  });

  const more = page.getByRole('button', { name: `More actions for ${ben.name}` });
  await test.step('focus returns to the opener when the menu closes', async () => {
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Pin to top' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Mute notifications' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(more).toBeFocused();
  });

  await test.step('and when the dialog closes', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Delete chat' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this chat?' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(more).toBeFocused();
  });

  await test.step('Enter on a chat moves focus to the composer', async () => {
    await ana.chatItem(ben.name).focus();
    await page.keyboard.press('Enter');
    await expect(ana.composer).toBeFocused();
  });

  await test.step('the message list is walked with the arrow keys, Home and End', async () => {
    await ana.log.focus();
    await page.keyboard.press('ArrowUp');
    await expect(ana.bubble('third')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(ana.bubble('second')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(ana.bubble('first')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(ana.bubble('second')).toBeFocused();
    await page.keyboard.press('End');
    await expect(ana.bubble('third')).toBeFocused();
    // Tab leaves the list and Shift+Tab comes back to the row last walked to (a roving tabindex).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(ana.bubble('third')).toBeFocused();
  });

  await test.step("a message's menu by keyboard: the ⋯ shows with the focus, arrows move, Escape returns", async () => {
    await ana.log.focus();
    await page.keyboard.press('End');
    await expect(ana.bubble('third')).toBeFocused();
    await page.keyboard.press('Tab');
    const dots = ana.bubble('third').getByRole('button', { name: 'Message actions' });
    await expect(dots).toBeFocused();
    await expect(dots).toBeVisible();
    await expect(dots).toHaveCSS('opacity', '1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Copy' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Reply' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(dots).toBeFocused();
    // The context-menu key on the focused row opens it too.
    await page.keyboard.press('Shift+Tab');
    await expect(ana.bubble('third')).toBeFocused();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menuitem', { name: 'Copy' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(ana.composerQuote).toContainText('third');
    await expect(ana.composer).toBeFocused();
  });
});
