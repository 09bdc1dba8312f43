import { expect, test, type Browser } from '@playwright/test';
import { freePort } from '@pairchat/testing';
import { ServerProcess } from '../fixtures/server.ts';
import { ApiPeer, myId } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

/** Signs `name` in on a new browser context (the API sets its cookie) and loads the app there. */
async function signedIn(browser: Browser, name: string, password = 'password123') {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  const res = await app.page.request.post('/api/auth/login', { data: { name, password } });
  expect(res.ok()).toBe(true);
  await app.page.goto('/');
  await expect(app.rail('Chats')).toBeVisible();
  return { context, app };
}

/** Ana, signed up in one browser (`first`, `ana`) and signed in again in another (`other`). */
async function inTwoBrowsers(browser: Browser) {
  const first = await browser.newContext();
  const ana = new ChatApp(await first.newPage());
  const name = uniqueName('ana');
  await ana.signUp(name);
  return { first, ana, name, other: await signedIn(browser, name) };
}

/** Opens Me → Account and security. */
async function openAccount(app: ChatApp): Promise<void> {
  await app.rail('Me').click();
  await app.page.getByRole('button', { name: 'Account and security' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Account and security' })).toBeVisible();
}

test('my sessions: each browser with its last activity; signing one out ends it there at once', async ({ browser }) => {
  const { first, ana, other } = await inTwoBrowsers(browser);

  await openAccount(ana);
  const sessions = ana.page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: 'This browser' })).toContainText('Chrome on Windows');
  await expect(sessions.filter({ hasNotText: 'This browser' })).toContainText(/Last active/);

  await ana.page.getByRole('button', { name: 'Sign out Chrome on Windows' }).click();
  await expect(sessions).toHaveCount(1);
  await expect(other.app.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(ana.rail('Chats')).toBeVisible();
  await first.close();
  await other.context.close();
});

test('a password change signs the other browser out; the new password signs in', async ({ browser }) => {
  const { first, ana, name, other } = await inTwoBrowsers(browser);

  await openAccount(ana);
  const current = ana.page.getByLabel('Current password');
  const next = ana.page.getByLabel('New password');
  const change = ana.page.getByRole('button', { name: 'Change password', exact: true });

  await test.step('a wrong current password changes nothing', async () => {
    await current.fill('not my password');
    await next.fill('a much better secret');
    await change.click();
    await expect(ana.page.getByRole('alert')).toHaveText('Wrong password.');
    await expect(other.app.rail('Chats')).toBeVisible();
  });

  await test.step('the right one: the other browser shows the sign-in screen, this one stays', async () => {
    await current.fill('password123');
    await next.fill('a much better secret');
    await change.click();
    await expect(ana.page.getByRole('status')).toHaveText('Password changed. Your other sessions were signed out.');
    await expect(other.app.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(ana.rail('Chats')).toBeVisible();
    await expect(ana.page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem')).toHaveCount(1);
  });

  await test.step('the old password no longer signs in; the new one does', async () => {
    const page = other.app.page;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong name or password.');
    await page.getByLabel('Password').fill('a much better secret');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(other.app.rail('Chats')).toBeVisible();
  });
  await first.close();
  await other.context.close();
});

test('deleting my account asks my password; my peer then sees "Deleted account"', async ({ page, request }) => {
  const ana = new ChatApp(page);
  await ana.signUp(uniqueName('ana'));
  const ben = await ApiPeer.register(request, uniqueName('ben'));
  const chat = await ben.chatWith(await myId(page.request));
  await ben.send(chat.id, 'hello before you go');
  await expect(ana.chatItem(ben.name)).toBeVisible();

  await openAccount(ana);
  await page.getByRole('button', { name: 'Delete account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.getByLabel('Your password').fill('wrong password');
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Wrong password.');
  await dialog.getByLabel('Your password').fill('password123');
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  // Ben's chat keeps the history, under "Deleted account".
  const bens = new ChatApp(page);
  const res = await page.request.post('/api/auth/login', { data: { name: ben.name, password: 'password123' } });
  expect(res.ok()).toBe(true);
  await page.goto('/');
  await expect(bens.chatItem('Deleted account')).toBeVisible();
  await bens.openChat('Deleted account');
  await expect(bens.bubble('hello before you go')).toBeVisible();
  // A deleted account takes no messages: no message box, and a line that says why.
  await expect(bens.composer).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Messages can no longer be sent to it.' })).toBeVisible();
});

test('with REGISTRATION=closed the sign-in screen says new accounts come from the server’s owner', async ({
  browser,
}) => {
  const server = new ServerProcess(await freePort(), { REGISTRATION: 'closed' });
  await server.start();
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Name').fill(uniqueName('ana'));
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toHaveText('This server does not take new accounts. Ask its owner for one.');
    await context.close();
  } finally {
    await server.kill();
  }
});
