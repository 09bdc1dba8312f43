import { expect, test } from '@playwright/test';
import { freePort } from '@pairchat/testing';
import { ServerProcess } from '../fixtures/server.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

test('the server is cut: the banner shows, a message sent meanwhile is kept, and after the restart nothing is lost or doubled', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = new ServerProcess(await freePort());
  await server.start();
  try {
    const anaContext = await browser.newContext({ baseURL: server.url });
    const benContext = await browser.newContext({ baseURL: server.url });
    const ana = new ChatApp(await anaContext.newPage());
    const ben = new ChatApp(await benContext.newPage());
    const anaName = uniqueName('ana');
    const benName = uniqueName('ben');
    await ana.register(anaName);
    await ben.register(benName);
    await ana.openContact(benName);
    await ana.send('before the cut');
    await ben.openChat(anaName);
    await expect(ben.bubble('before the cut')).toBeVisible();

    await server.kill();
    const banner = ana.page.getByRole('status');
    await expect(banner).toHaveText('Connection lost. Reconnecting…');
    await ana.send('sent while the server was down');
    await expect(ana.bubble('sent while the server was down')).toHaveAttribute('data-status', /pending|failed/);
    await ana.page.screenshot({ path: '../docs/screenshots/desktop-reconnecting.png' });

    await server.start();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(ben.page.getByRole('status')).toHaveCount(0, { timeout: 30_000 });

    // The pending message went out with its clientId once the socket was back (or on the retry it offers).
    const bubble = ana.bubble('sent while the server was down');
    const retry = bubble.getByRole('button', { name: /Retry/ });
    if (await retry.isVisible()) await retry.click();
    await expect(bubble).toHaveAttribute('data-status', /sent|read/);
    await expect(ben.bubble('sent while the server was down')).toHaveCount(1);
    await expect(ana.bubble('sent while the server was down')).toHaveCount(1);

    // Both keep chatting after the recovery.
    await ben.send('got it');
    await expect(ana.bubble('got it')).toBeVisible();
    // Reloaded from the server, the history has each message exactly once.
    await ana.page.reload();
    await ana.openChat(benName);
    for (const text of ['before the cut', 'sent while the server was down', 'got it']) {
      await expect(ana.bubble(text)).toHaveCount(1);
    }
    await anaContext.close();
    await benContext.close();
  } finally {
    await server.kill();
  }
});
