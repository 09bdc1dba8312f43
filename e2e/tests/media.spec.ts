import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { freePort } from '@pairchat/testing';
import { ServerProcess } from '../fixtures/server.ts';
import { anaAndBen, ApiPeer } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';
import { chooseFiles, pastePng, pngBytes } from '../pages/media.ts';
import { person } from '../pages/tabs.ts';

/** Issue 13: photos, files and voice messages between two people, the photo viewer, and uploads that fail. */

test('two people exchange photos (file chooser and paste), a file and a voice message; the viewer by keyboard', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  await ana.context.grantPermissions(['microphone']);

  await test.step('Ana and Ben have a chat open', async () => {
    await ana.app.openContact(ben.name);
    await ana.app.send('hello');
    await ben.app.openChat(ana.name);
    await expect(ben.app.bubble('hello')).toBeVisible();
  });

  const photos = ben.app.log.getByRole('button', { name: 'Open photo' });
  await test.step('a photo from the file chooser: its box is reserved at its aspect ratio, the view stays at the bottom', async () => {
    await chooseFiles(ana.app.page, [
      { name: 'wide.png', mimeType: 'image/png', buffer: await pngBytes(ana.app.page, 600, 300, '#c62828') },
    ]);
    await expect(photos).toHaveCount(1);
    const img = photos.first().locator('img');
    await expect(img).toHaveAttribute('width', '240');
    await expect(img).toHaveAttribute('height', '120');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await expect.poll(() => ben.app.distanceFromBottom()).toBeLessThan(2);
    await expect(ben.app.chatEntry(ana.name)).toContainText('[Photo]');
    await expect(ana.app.log.getByRole('button', { name: 'Open photo' })).toHaveCount(1);
  });

  await test.step('a photo pasted into the message box', async () => {
    await pastePng(ana.app.composer, await pngBytes(ana.app.page, 200, 400, '#1565c0'));
    await expect(photos).toHaveCount(2);
    await expect(photos.nth(1).locator('img')).toHaveAttribute('height', '240');
    await expect(ana.app.composer).toHaveValue('');
  });

  await test.step('a file: name, size and a download link', async () => {
    const text = Buffer.from('minutes of the meeting\n'.repeat(100));
    await chooseFiles(ana.app.page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: text }]);
    const card = ben.app.log.locator('.file-card', { hasText: 'notes.txt' });
    await expect(card).toContainText('2.2 KB');
    const link = card.getByRole('link', { name: 'Download notes.txt' });
    const download = ben.app.page.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe('notes.txt');
    await expect(ben.app.chatEntry(ana.name)).toContainText('[File] notes.txt');
  });

  await test.step('a voice message: hold to talk, release to send; Ben sees its length', async () => {
    const button = ana.app.page.getByRole('button', { name: 'Hold to talk' });
    await button.hover();
    await ana.app.page.mouse.down();
    await expect(ana.app.page.getByText(/^Recording 0:0[2-9]/)).toBeVisible();
    await ana.app.page.mouse.up();
    const play = ben.app.log.getByRole('button', { name: /^Play voice message, 0:0[2-9]$/ });
    await expect(play).toBeVisible();
    await expect(ben.app.chatEntry(ana.name)).toContainText(/\[Voice\] 0:0[2-9]/);
    await play.click();
    await expect(ben.app.log.getByRole('button', { name: 'Pause voice message' })).toBeVisible();
  });

  await test.step('a tap too short to be a voice message says so, and sends nothing', async () => {
    await ana.app.page.getByRole('button', { name: 'Hold to talk' }).click();
    await expect(ana.app.page.getByText('Too short to send: hold to talk.')).toBeVisible();
    await expect(ana.app.page.getByText('Too short to send: hold to talk.')).toHaveCount(0, { timeout: 5000 });
  });

  await test.step('Escape throws a recording away (and only that: a quote stays): nothing is sent', async () => {
    await ana.app.messageAction('hello', 'Reply');
    await expect(ana.app.composerQuote).toContainText('hello');
    await ana.app.composer.focus();
    await ana.app.page.keyboard.down(' ');
    await expect(ana.app.page.getByText(/^Recording 0:0[1-9]/)).toBeVisible();
    await ana.app.page.keyboard.press('Escape');
    await ana.app.page.keyboard.up(' ');
    await expect(ana.app.page.getByText(/^Recording/)).toHaveCount(0);
    await expect(ana.app.composerQuote).toContainText('hello');
    await ana.app.send('after the voice');
    await expect(ben.app.bubble('after the voice')).toBeVisible();
    // A voice message is uploaded before it is sent, so it would arrive after the text: give it the time to.
    await ana.app.page.waitForTimeout(2000);
    await expect(ana.app.page.getByRole('list', { name: 'Uploads' })).toHaveCount(0);
    await expect(ben.app.log.getByRole('button', { name: /^Play voice message/ })).toHaveCount(1);
  });

  await test.step('the viewer, by keyboard: Enter opens, arrows move, Escape closes and returns focus', async () => {
    await photos.first().focus();
    await ben.app.page.keyboard.press('Enter');
    const viewer = ben.app.page.getByRole('dialog', { name: 'Photo 1 of 2' });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole('img')).toHaveAttribute('width', '600');
    await ben.app.page.keyboard.press('ArrowRight');
    await expect(ben.app.page.getByRole('dialog', { name: 'Photo 2 of 2' })).toBeVisible();
    await ben.app.page.keyboard.press('ArrowRight');
    await expect(ben.app.page.getByRole('dialog', { name: 'Photo 2 of 2' })).toBeVisible();
    await ben.app.page.keyboard.press('ArrowLeft');
    await expect(viewer).toBeVisible();
    await ben.app.page.keyboard.press('Escape');
    await expect(ben.app.page.getByRole('dialog')).toHaveCount(0);
    await expect(photos.first()).toBeFocused();
  });
  await ana.context.close();
  await ben.context.close();
});

test('an upload shows its progress and can be cancelled; a failed one says so and is retried', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  await ana.app.openContact(ben.name);
  const page = ana.app.page;
  const uploads = page.getByRole('list', { name: 'Uploads' });

  await test.step('Cancel stops an upload on its way: it leaves the list and nothing is sent', async () => {
    let held = () => undefined as void;
    await page.route('**/api/media', (route) =>
      new Promise<void>((resolve) => (held = resolve)).then(() => route.abort()),
    );
    await chooseFiles(page, [{ name: 'slow.txt', mimeType: 'text/plain', buffer: Buffer.from('slow') }]);
    await expect(uploads.getByRole('progressbar', { name: 'Uploading slow.txt' })).toBeVisible();
    await uploads.getByRole('button', { name: 'Cancel upload of slow.txt' }).click();
    await expect(uploads).toHaveCount(0);
    held();
    await page.unrouteAll({ behavior: 'wait' });
  });

  await test.step('a dropped connection fails the upload; Retry sends it', async () => {
    await page.route('**/api/media', (route) => route.abort('connectionreset'), { times: 1 });
    await chooseFiles(page, [{ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('the plan') }]);
    await expect(uploads.getByRole('alert')).toHaveText('Not uploaded: plan.txt');
    await uploads.getByRole('button', { name: 'Retry upload of plan.txt' }).click();
    await expect(uploads).toHaveCount(0);
    await expect(ana.app.log.locator('.file-card', { hasText: 'plan.txt' })).toBeVisible();
    await ben.app.openChat(ana.name);
    await expect(ben.app.log.locator('.file-card', { hasText: 'plan.txt' })).toBeVisible();
    await expect(ben.app.log.locator('.file-card', { hasText: 'slow.txt' })).toHaveCount(0);
  });

  await test.step('an empty file is not sent and says why; it can only be dismissed', async () => {
    await chooseFiles(page, [{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
    await expect(uploads.getByRole('alert')).toHaveText('Not uploaded: empty.txt is empty.');
    await expect(uploads.getByRole('button', { name: 'Retry upload of empty.txt' })).toHaveCount(0);
    await uploads.getByRole('button', { name: 'Dismiss empty.txt' }).click();
    await expect(uploads).toHaveCount(0);
  });
  await ana.context.close();
  await ben.context.close();
});

test('the emoji panel is loaded only when opened, and puts the chosen emoji at the caret', async ({
  page,
  request,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  const { ana, ben } = await anaAndBen(page, request);
  await ana.openContact(ben.name);
  expect(fetched.filter((url) => /EmojiPanel|emojibase/.test(url))).toEqual([]);
  await ana.composer.fill('ab');
  await ana.composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(1, 1));
  await page.getByRole('button', { name: 'Emoji', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Emoji' });
  await expect(panel.getByRole('searchbox', { name: 'Search emoji' })).toBeFocused();
  await page.keyboard.type('grinning face');
  await panel.getByRole('gridcell', { name: 'Grinning face', exact: true }).click();
  await expect(panel).toHaveCount(0);
  await expect(ana.composer).toHaveValue('a😀b');
  await expect(ana.composer).toBeFocused();
  expect(fetched.some((url) => url.endsWith('/emojibase/en/data.json'))).toBe(true);

  await page.getByRole('button', { name: 'Emoji', exact: true }).click();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emoji', exact: true })).toBeFocused();
});

test('a file over the server limit is refused as too large, not as a lost connection, and offers no retry', async ({
  browser,
  playwright,
}) => {
  // The server answers 413 before it reads a body declared longer than the limit allows, and closes; Chromium reads
  // that answer while it is still sending, and the upload says why it failed rather than that it was cut off.
  const server = new ServerProcess(await freePort(), { MEDIA_MAX_BYTES: String(4 << 20) });
  await server.start();
  const request = await playwright.request.newContext({ baseURL: server.url });
  try {
    const context = await browser.newContext({ locale: 'en-US', baseURL: server.url });
    const ana = new ChatApp(await context.newPage());
    await ana.signUp(uniqueName('ana'));
    const ben = await ApiPeer.register(request, uniqueName('ben'));
    await ana.openContact(ben.name);
    const uploads = ana.page.getByRole('list', { name: 'Uploads' });
    await chooseFiles(ana.page, [
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: randomBytes(15 << 20) },
    ]);
    await expect(uploads.getByRole('alert')).toHaveText('Not uploaded: big.bin is too large.');
    // The same file would be refused again: no Retry, only Dismiss.
    await expect(uploads.getByRole('button', { name: 'Retry upload of big.bin' })).toHaveCount(0);
    await uploads.getByRole('button', { name: 'Dismiss big.bin' }).click();
    await expect(uploads).toHaveCount(0);
    await context.close();
  } finally {
    await request.dispose();
    await server.kill();
  }
});
