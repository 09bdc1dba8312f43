import { devices, expect, test } from '@playwright/test';
import { anaAndBen } from '../pages/api-peer.ts';

/** A message of exactly 2,000 characters, in words so that it wraps like prose. */
const long = (tag: string) => `${tag} `.padEnd(2000, ' lorem ipsum dolor sit amet');

const { defaultBrowserType: _phoneBrowser, ...phone } = devices['Pixel 7'];
const layouts = [
  { layout: 'desktop', use: {} },
  { layout: 'phone', use: phone },
] as const;

for (const { layout, use } of layouts) {
  test.describe(layout, () => {
    test.use(use);

    test('a chat with unread messages opens at the first unread, and only what was shown is marked read', async ({
      page,
      request,
    }) => {
      const { ana, ben, chat } = await anaAndBen(page, request);
      await ben.send(chat.id, 'the first unread');
      for (const n of [1, 2, 3, 4]) await ben.send(chat.id, long(`long ${n}`));
      const newest = await ben.send(chat.id, 'the newest');
      await expect(ana.unreadBadge(ben.name)).toHaveText('6');

      await ana.chatItem(ben.name).click();
      await expect(ana.bubble('the first unread')).toBeInViewport();
      await expect(ana.bubble('the newest')).not.toBeInViewport();
      // Ben's read ticks: the first unread was shown, so it is read; the newest was never shown, so it is not.
      await expect.poll(() => ben.peerReadSeq(chat.id)).toBeGreaterThanOrEqual(1);
      expect(await ben.peerReadSeq(chat.id)).toBeLessThan(newest);

      // Scrolled to the end, everything has been shown: now all of it is read.
      await ana.log.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(ana.bubble('the newest')).toBeInViewport();
      await expect.poll(() => ben.peerReadSeq(chat.id)).toBe(newest);
    });

    test('a read chat opens at its newest message, and the bottom stays pinned as long messages come and go', async ({
      page,
      request,
    }) => {
      const { ana, ben, chat } = await anaAndBen(page, request);
      for (const n of [1, 2, 3]) await ben.send(chat.id, long(`long ${n}`));
      const newest = await ben.send(chat.id, 'the newest');
      await ana.openChat(ben.name);
      await ana.log.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(() => ben.peerReadSeq(chat.id)).toBe(newest);

      // Opened again with nothing unread: at the very bottom, not at the top.
      await page.reload();
      await ana.openChat(ben.name);
      await expect(ana.bubble('the newest')).toBeInViewport();
      await expect.poll(() => ana.distanceFromBottom()).toBeLessThan(2);

      // My own 2,000-character message: the view follows it to its end.
      await ana.send(long('mine'));
      await expect(ana.lastRow).toHaveAttribute('data-status', /sent|read/);
      await expect.poll(() => ana.distanceFromBottom()).toBeLessThan(2);

      // A long message from Ben while I am at the bottom: still pinned once it has laid out.
      await ben.send(chat.id, long('from ben'));
      await expect(ana.lastRow).toContainText('from ben');
      await expect.poll(() => ana.distanceFromBottom()).toBeLessThan(2);
    });
  });
}
