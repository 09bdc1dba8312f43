import { expect, test, type Browser } from '@playwright/test';
import { ApiPeer } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  await app.register(name);
  return { context, app, name };
}

test('two people chat both ways in real time, with unread badges, read ticks and a second tab in step', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));

  // Ana finds Ben and writes first.
  await ana.app.openContact(ben.name);
  await ana.app.send('Hi Ben! 你好');
  await expect(ana.app.bubble('Hi Ben! 你好')).toHaveAttribute('data-status', 'sent');
  await expect(ana.app.bubble('Hi Ben! 你好')).toHaveClass(/mine/);

  // Ben sees the chat appear on top with an unread badge, a total on the rail and in the title.
  await expect(ben.app.chatItem(ana.name)).toBeVisible();
  await expect(ben.app.unreadBadge(ana.name)).toHaveText('1');
  await expect(ben.app.unreadBadge(ana.name)).toHaveAttribute('aria-label', '1 unread');
  await expect(ben.app.rail('Chats')).toHaveAccessibleDescription('1 unread');
  await expect(ben.app.page).toHaveTitle('(1) pairchat');
  await expect(ben.app.chatEntry(ana.name)).toContainText('Hi Ben! 你好');

  // A second tab of Ana (same session) stays in step.
  const anaTab2 = new ChatApp(await ana.context.newPage());
  await anaTab2.page.goto('/');
  await anaTab2.openChat(ben.name);
  await expect(anaTab2.bubble('Hi Ben! 你好')).toBeVisible();

  // Ben opens it: the badge goes, and Ana's message gets its read tick in both of her tabs.
  await ben.app.openChat(ana.name);
  await expect(ben.app.unreadBadge(ana.name)).toHaveCount(0);
  await expect(ben.app.page).toHaveTitle('pairchat');
  await expect(ben.app.bubble('Hi Ben! 你好')).toHaveClass(/theirs/);
  for (const tab of [ana.app, anaTab2]) {
    await expect(tab.bubble('Hi Ben! 你好').getByText('Read')).toBeVisible();
  }

  // Ben answers; both of Ana's tabs get it; text is never HTML.
  await ben.app.send('<b>hello</b> Ana');
  for (const tab of [ana.app, anaTab2]) {
    await expect(tab.bubble('<b>hello</b> Ana')).toBeVisible();
    await expect(tab.log.locator('b')).toHaveCount(0);
  }

  // Ana's second tab sends: Ana's first tab shows it as hers, Ben gets it once.
  await anaTab2.send('from my other tab');
  await expect(ana.app.bubble('from my other tab')).toHaveClass(/mine/);
  await expect(ben.app.bubble('from my other tab')).toHaveCount(1);

  // Shift+Enter makes a new line; Enter sends the two lines as one message.
  await ben.app.composer.fill('line one');
  await ben.app.composer.press('Shift+Enter');
  await ben.app.composer.pressSequentially('line two');
  await ben.app.composer.press('Enter');
  await expect(ana.app.bubble('line one')).toContainText('line one\nline two');

  // My own messages never raise my badge, and the chat I look at shows none.
  await expect(ana.app.unreadBadge(ben.name)).toHaveCount(0);
  await expect(ben.app.unreadBadge(ana.name)).toHaveCount(0);

  await ana.app.page.screenshot({ path: '../docs/screenshots/desktop-chat.png' });
  await ana.context.close();
  await ben.context.close();
});

test('a message in another chat moves it to the top with its badge; deleting a chat is for me only', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  const cleo = await person(browser, uniqueName('cleo'));

  await ben.app.openContact(ana.name);
  await ben.app.send('first from Ben');
  await cleo.app.openContact(ana.name);
  await cleo.app.send('then Cleo');

  const items = ana.app.page.getByRole('list', { name: 'Chats' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(cleo.name);
  await ana.app.openChat(cleo.name);
  // Cleo signed up after Ana, and wrote first: Ana still learns that she is online.
  await expect(
    ana.app.page.getByRole('region', { name: cleo.name }).getByText('Online', { exact: true }),
  ).toBeVisible();

  await ben.app.send('Ben again');
  await expect(items.first()).toContainText(ben.name);
  await expect(ana.app.unreadBadge(ben.name)).toHaveText('2');
  // Cleo's chat is open: a message there shows no badge.
  await cleo.app.send('Cleo again');
  await expect(ana.app.bubble('Cleo again')).toBeVisible();
  await expect(ana.app.unreadBadge(cleo.name)).toHaveCount(0);
  await ana.app.page.screenshot({ path: '../docs/screenshots/desktop-chat-list.png' });

  // Ana deletes her chat with Ben, through the menu, after a confirmation that says Ben keeps his.
  await ana.app.chatItem(ben.name).click({ button: 'right' });
  await ana.app.page.getByRole('menuitem', { name: 'Delete chat' }).click();
  const dialog = ana.app.page.getByRole('dialog', { name: 'Delete this chat?' });
  await expect(dialog).toContainText(`${ben.name} keeps theirs`);
  await ana.app.page.screenshot({ path: '../docs/screenshots/desktop-delete-chat.png' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(ana.app.chatItem(ben.name)).toHaveCount(0);

  // Ben keeps the chat and the whole history.
  await ben.app.page.reload();
  await ben.app.openChat(ana.name);
  await expect(ben.app.bubble('first from Ben')).toBeVisible();

  // A new message brings the chat back to Ana with only what came after.
  await ben.app.send('are you there?');
  await expect(ana.app.chatItem(ben.name)).toBeVisible();
  await expect(ana.app.unreadBadge(ben.name)).toHaveText('1');
  await ana.app.openChat(ben.name);
  await expect(ana.app.bubble('are you there?')).toBeVisible();
  await expect(ana.app.bubble('first from Ben')).toHaveCount(0);
  await expect(ana.app.bubble('Ben again')).toHaveCount(0);

  for (const p of [ana, ben, cleo]) await p.context.close();
});

test('stays signed in across a reload, signs out, and signs in again', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  await ana.app.page.reload();
  await expect(ana.app.rail('Chats')).toBeVisible();
  await ana.app.rail('Settings').click();
  await ana.app.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(ana.app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await ana.app.page.reload();
  await expect(ana.app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await ana.app.page.getByLabel('Name').fill(ana.name.toUpperCase());
  await ana.app.page.getByLabel('Password').fill('wrong password');
  await ana.app.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(ana.app.page.getByRole('alert')).toHaveText('Wrong name or password.');
  await ana.app.page.getByLabel('Password').fill('password123');
  await ana.app.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(ana.app.rail('Chats')).toBeVisible();
  await ana.context.close();
});

test('scrolling to the top loads older messages without the view jumping', async ({ browser, request }) => {
  const ana = await person(browser, uniqueName('ana'));
  const benName = uniqueName('ben');
  const reg = await request.post('/api/auth/register', { data: { name: benName, password: 'password123' } });
  const { token } = (await reg.json()) as { token: string };
  const me = (await (await ana.app.page.request.get('/api/me')).json()) as { user: { id: string } };
  const open = await request.post('/api/chats', {
    data: { peerId: me.user.id },
    headers: { authorization: `Bearer ${token}` },
  });
  const chatId = ((await open.json()) as { chat: { id: string } }).chat.id;
  for (let i = 1; i <= 120; i++) {
    await request.post(`/api/chats/${chatId}/messages`, {
      data: { clientId: `m${i}`, content: `history ${i}` },
      headers: { authorization: `Bearer ${token}` },
    });
  }
  // Read once to the end, so that it opens at the newest message, not at the first unread.
  await ana.app.page.reload();
  await ana.app.openChat(benName);
  await ana.app.log.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(ana.app.unreadBadge(benName)).toHaveCount(0);
  await ana.app.page.reload();
  await ana.app.openChat(benName);
  await expect(ana.app.bubble('history 120')).toBeInViewport();
  await expect(ana.app.log.locator('.row')).toHaveCount(50);

  // Scroll to the top: the next page arrives above, and the message that was on top stays where it was.
  const marker = ana.app.log.locator('.row[data-seq="71"]');
  await ana.app.log.evaluate((el) => (el.scrollTop = 0));
  const before = (await marker.boundingBox())!.y;
  await expect(ana.app.log.locator('.row')).toHaveCount(100);
  await expect(ana.app.log.locator('.row[data-seq="21"]')).toBeAttached();
  await expect(marker).toBeInViewport();
  const after = (await marker.boundingBox())!.y;
  // Only the day separator above the old first message moves (it now belongs to an older one).
  expect(Math.abs(after - before)).toBeLessThan(60);

  // Not at the bottom: a new message shows the pill instead of scrolling.
  await request.post(`/api/chats/${chatId}/messages`, {
    data: { clientId: 'new', content: 'brand new' },
    headers: { authorization: `Bearer ${token}` },
  });
  const pill = ana.app.page.getByRole('button', { name: /New messages/ });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(ana.app.bubble('brand new')).toBeInViewport();
  await ana.context.close();
});

test('the interface follows a Chinese browser', async ({ browser, request }) => {
  const peer = await ApiPeer.register(request, uniqueName('王'));
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByRole('button', { name: '新用户？注册账号' }).click();
  const name = uniqueName('李');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill('password123');
  await page.getByRole('button', { name: '注册' }).click();
  await page.getByRole('button', { name: '通讯录' }).click();
  // Contacts lists only contacts; its search also finds everyone else on the server, to write to.
  await page.getByRole('searchbox', { name: '搜索联系人' }).fill(peer.name);
  await page.getByRole('list', { name: '通讯录' }).getByRole('button', { name: peer.name }).click();
  await expect(page.getByRole('textbox', { name: '消息' })).toBeVisible();
  await expect(page.getByRole('button', { name: '发送' })).toBeVisible();
  // The switch in settings changes it back.
  await page.getByRole('navigation').getByRole('button', { name: '我', exact: true }).click();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await context.close();
});
