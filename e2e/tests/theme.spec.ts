import { devices, expect, test, type Page } from '@playwright/test';
import { anaAndBen, ApiPeer, myId } from '../pages/api-peer.ts';
import { ChatApp, uniqueName } from '../pages/chat-app.ts';

const { defaultBrowserType: _phoneBrowser, ...phone } = devices['Pixel 7'];

/** The page's own background (the stylesheet's --canvas): near black in the dark scheme, light grey in the light. */
const LIGHT_CANVAS = 'rgb(230, 230, 230)';
const DARK_CANVAS = 'rgb(10, 10, 10)';

/** Waits until the page shows a scheme, told by its own background. */
async function expectCanvas(page: Page, colour: string): Promise<void> {
  await expect(page.locator('html')).toHaveCSS('background-color', colour);
}

function appearance(page: Page) {
  return page.getByRole('combobox', { name: /^(Appearance|外观)$/ });
}

test('dark mode follows the system; Settings can choose Light or Dark, kept across a reload', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const ana = new ChatApp(page);
  await ana.signUp(uniqueName('ana'));

  await test.step('System (the default) follows prefers-color-scheme, live', async () => {
    await expectCanvas(page, DARK_CANVAS);
    await page.emulateMedia({ colorScheme: 'light' });
    await expectCanvas(page, LIGHT_CANVAS);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectCanvas(page, DARK_CANVAS);
  });

  await test.step('Light in Settings wins over a dark system, and is kept across a reload', async () => {
    await ana.rail('Me').click();
    await expect(appearance(page)).toHaveValue('system');
    await appearance(page).selectOption({ label: 'Light' });
    await expectCanvas(page, LIGHT_CANVAS);
    await page.reload();
    await ana.rail('Me').click();
    await expect(appearance(page)).toHaveValue('light');
    await expectCanvas(page, LIGHT_CANVAS);
  });

  await test.step('Dark in Settings wins over a light system', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await appearance(page).selectOption({ label: 'Dark' });
    await expectCanvas(page, DARK_CANVAS);
  });

  await test.step('the choice is applied before the app runs (no flash of the other scheme)', async () => {
    // With the app's script refused, only the page, its stylesheet and the small theme script are left.
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectCanvas(page, DARK_CANVAS);
    await page.unroute('**/assets/*.js');
  });

  await test.step('a choice made in one tab reaches the others, and their Settings', async () => {
    await page.reload();
    await ana.rail('Me').click();
    const other = new ChatApp(await context.newPage());
    await other.page.goto('/');
    await other.rail('Me').click();
    await expect(appearance(other.page)).toHaveValue('dark');
    await appearance(page).selectOption({ label: 'Light' });
    await expectCanvas(other.page, LIGHT_CANVAS);
    await expect(appearance(other.page)).toHaveValue('light');
    await other.page.close();
  });

  await test.step('System again follows the system, on this load and the next', async () => {
    await appearance(page).selectOption({ label: 'System' });
    await expectCanvas(page, LIGHT_CANVAS);
    await page.reload();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    expect(await page.evaluate(() => localStorage.getItem('pairchat.theme'))).toBeNull();
  });
  await context.close();
});

/** The favicon's address: /favicon.svg, or the badged icon as a data: URL. */
function faviconHref(page: Page): Promise<string | null> {
  return page.locator('link[rel="icon"]').getAttribute('href');
}

/** The badge's text inside the favicon, or null for the plain icon. */
async function faviconBadge(page: Page): Promise<string | null> {
  const href = (await faviconHref(page)) ?? '';
  if (!href.startsWith('data:image/svg+xml,')) return null;
  return /<text[^>]*>([^<]*)<\/text>/.exec(decodeURIComponent(href.slice(href.indexOf(',') + 1)))?.[1] ?? null;
}

test('the favicon carries a badge with the unread total, and loses it once the chat is read', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  expect(await faviconHref(page)).toBe('/favicon.svg');

  await ben.send(chat.id, 'one');
  await expect(ana.unreadBadge(ben.name)).toHaveText('1');
  await expect.poll(() => faviconBadge(page)).toBe('1');
  // The badged icon is a picture the browser can draw (an SVG that parses), the app's icon under the badge.
  const drawn = await page.evaluate(
    async (href) => {
      const img = new Image();
      img.src = href;
      await img.decode();
      return img.naturalWidth;
    },
    (await faviconHref(page)) ?? '',
  );
  expect(drawn).toBeGreaterThan(0);

  for (const text of ['two', 'three']) await ben.send(chat.id, text);
  await expect.poll(() => faviconBadge(page)).toBe('3');
  await expect(page).toHaveTitle('(3) pairchat');

  await ana.openChat(ben.name);
  await expect.poll(() => faviconHref(page)).toBe('/favicon.svg');
});

test('dark-mode screenshots of the desktop and the phone', async ({ browser, request }) => {
  const ben = await ApiPeer.register(request, uniqueName('ben'));
  const cleo = await ApiPeer.register(request, uniqueName('cleo'));
  for (const { device, shots } of [
    { device: devices['Desktop Chrome'], shots: ['desktop-chat-dark', 'desktop-settings-dark'] },
    { device: phone, shots: ['phone-chat-dark', 'phone-chat-list-dark'] },
  ]) {
    const context = await browser.newContext({ ...device, locale: 'en-US', colorScheme: 'dark' });
    const ana = new ChatApp(await context.newPage());
    await ana.signUp(uniqueName('ana'));
    const anaId = await myId(ana.page.request);
    const chat = await ben.chatWith(anaId);
    await cleo.send((await cleo.chatWith(anaId)).id, 'See you at 7? 晚上见');
    await ben.send(chat.id, 'Hi Ana! The notes are at https://example.com/notes');
    await ana.openChat(ben.name);
    await ana.send('Thanks Ben, reading them now 👍');
    await expect(ana.bubble('reading them now').locator('.pending')).toHaveCount(0);
    await ben.send(chat.id, 'Great, talk later');
    await expect(ana.bubble('talk later')).toBeVisible();
    await ana.page.screenshot({ path: `../docs/screenshots/${shots[0]}.png` });

    if (device === phone) {
      await ana.page.getByRole('button', { name: /^Back/ }).click();
      await expect(ana.unreadBadge(cleo.name)).toHaveText('1');
    } else {
      await ana.rail('Me').click();
      await expect(appearance(ana.page)).toHaveValue('system');
    }
    await ana.page.screenshot({ path: `../docs/screenshots/${shots[1]}.png` });
    await context.close();
  }
});
