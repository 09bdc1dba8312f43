import { expect, test } from '@playwright/test';
import { anaAndBen, ApiPeer, myId, readEverything } from '../pages/api-peer.ts';
import { uniqueName } from '../pages/chat-app.ts';
import { cuttableLink, person, secondTab } from '../pages/tabs.ts';

/** Issue 14: a message's actions (recall, reply, forward) and a chat's (pin, mute). */

test('a recall reaches the peer live, a tab that was offline, the chat list and a reply quoting it', async ({
  browser,
}) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  let link: Awaited<ReturnType<typeof cuttableLink>> | undefined;
  const tab2 = await secondTab(ana.context, async (page) => {
    link = await cuttableLink(page);
  });
  const text = (app: typeof ana.app, t: string) => app.log.locator('.bubble', { hasText: t });

  await test.step('Ana writes; Ben quotes it in a reply; Ana has the chat open in a second tab', async () => {
    await ana.app.openContact(ben.name);
    await ana.app.send('secret plan');
    await ben.app.openChat(ana.name);
    await ben.app.messageAction('secret plan', 'Reply');
    await expect(ben.app.composerQuote).toContainText('secret plan');
    await ben.app.send('about that');
    await expect(ben.app.bubble('about that').getByRole('button', { name: /secret plan/ })).toBeVisible();
    await tab2.openChat(ben.name);
    await expect(text(tab2, 'secret plan')).toBeVisible();
  });

  await test.step('the second tab goes offline; Ana recalls from the first', async () => {
    await link!.cut();
    await expect(tab2.page.getByRole('status')).toHaveText('Connection lost. Reconnecting…');
    await ana.app.messageAction('secret plan', 'Recall');
    await expect(ana.app.log).toContainText('You recalled a message');
    await expect(text(ana.app, 'secret plan')).toHaveCount(0);
  });

  await test.step('Ben sees it live, and his reply now quotes a recalled message', async () => {
    await expect(ben.app.log).toContainText(`${ana.name} recalled a message`);
    await expect(ben.app.log.getByText('secret plan')).toHaveCount(0);
    await expect(ben.app.bubble('about that')).toContainText('The quoted message was recalled');
  });

  await test.step('Re-edit puts the text back in the composer of the tab that recalled it', async () => {
    await ana.app.page.getByRole('button', { name: 'Re-edit' }).click();
    await expect(ana.app.composer).toHaveValue('secret plan');
    await ana.app.composer.fill('');
  });

  await test.step('the tab that was offline catches up: the recalled message does not survive', async () => {
    link!.restore();
    await expect(tab2.page.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
    await expect(tab2.log).toContainText('You recalled a message');
    await expect(text(tab2, 'secret plan')).toHaveCount(0);
  });

  await test.step('a recalled last message shows as recalled in both chat lists', async () => {
    await ana.app.send('second thoughts');
    await expect(ben.app.bubble('second thoughts')).toBeVisible();
    await ana.app.messageAction('second thoughts', 'Recall');
    await ana.app.rail('Chats').click();
    await expect(ana.app.chatEntry(ben.name)).toContainText('You recalled a message');
    await expect(ben.app.chatEntry(ana.name)).toContainText(`${ana.name} recalled a message`);
    await expect(ben.app.chatEntry(ana.name)).not.toContainText('second thoughts');
  });
  await ana.context.close();
  await ben.context.close();
});

test('delete for me removes a message from my tabs only', async ({ browser }) => {
  const ana = await person(browser, uniqueName('ana'));
  const ben = await person(browser, uniqueName('ben'));
  const tab2 = await secondTab(ana.context);
  await ben.app.openContact(ana.name);
  await ben.app.send('keep');
  await ben.app.send('drop me');
  await ana.app.openChat(ben.name);
  await tab2.openChat(ben.name);
  await ana.app.messageAction('drop me', 'Delete');
  await ana.app.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(ana.app.bubble('drop me')).toHaveCount(0);
  await expect(tab2.bubble('drop me')).toHaveCount(0);
  await expect(tab2.bubble('keep')).toBeVisible();
  await expect(ben.app.bubble('drop me')).toBeVisible();
  await ana.context.close();
  await ben.context.close();
});

test('a reply quotes above the composer and in its bubble; the quote jumps to the original', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  for (let i = 1; i <= 120; i += 1) await ben.send(chat.id, `old ${i}.`);
  await ben.send(chat.id, 'about the start', 3);
  // Read elsewhere, and a fresh page that holds none of it (this tab kept every message the socket brought): the
  // chat opens at its newest page only.
  await readEverything(page.request);
  await page.reload();
  await ana.openChat(ben.name);
  const reply = ana.log.locator('.row', { hasText: 'about the start' });
  const original = ana.log.locator('.row', { has: page.locator('.bubble', { hasText: /^old 3\.$/ }) });

  await test.step('the original is not loaded; choosing the quote loads the page around it and highlights it', async () => {
    await expect(original).toHaveCount(0);
    await reply.getByRole('button', { name: /old 3\./ }).click();
    await expect(original).toBeInViewport();
    await expect(original).toHaveClass(/highlighted/);
  });

  await test.step('scrolling down from there loads the newer pages back to the newest', async () => {
    await expect(async () => {
      await ana.log.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(reply).toBeInViewport({ timeout: 500 });
    }).toPass();
  });

  await test.step('Reply shows the quote above the composer; × removes it; the sent bubble keeps it', async () => {
    await ana.messageAction('about the start', 'Reply');
    await expect(ana.composerQuote).toContainText('about the start');
    await expect(ana.composer).toBeFocused();
    await page.getByRole('button', { name: 'Cancel quote' }).click();
    await expect(ana.composerQuote).toHaveCount(0);
    await ana.messageAction('about the start', 'Reply');
    await ana.send('got it');
    await expect(ana.composerQuote).toHaveCount(0);
    const mine = ana.log.locator('.row', { has: page.locator('.bubble', { hasText: 'got it' }) });
    await expect(mine.getByRole('button', { name: /about the start/ })).toBeVisible();
    await expect(mine).toHaveAttribute('data-seq', /\d+/);
    await page.reload();
    await ana.openChat(ben.name);
    await expect(mine.getByRole('button', { name: /about the start/ })).toBeVisible();
  });
});

test('forward sends a copy to chats and to a person from the directory', async ({ page, request }) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  const me = await myId(page.request);
  const cy = await ApiPeer.register(request, uniqueName('cy'));
  const dee = await ApiPeer.register(request, uniqueName('dee'));
  const cyChat = await cy.chatWith(me);
  await cy.send(cyChat.id, 'hi from cy');
  await ben.send(chat.id, 'pass this on');
  await ana.openChat(ben.name);

  await ana.messageAction('pass this on', 'Forward');
  const dialog = page.getByRole('dialog', { name: 'Forward to' });
  await dialog.getByRole('searchbox').fill(cy.name);
  await dialog.getByRole('checkbox', { name: cy.name }).check();
  await dialog.getByRole('searchbox').fill(dee.name);
  await dialog.getByRole('checkbox', { name: dee.name }).check();
  await dialog.getByRole('button', { name: 'Send (2)' }).click();
  await expect(dialog).toHaveCount(0);

  await expect.poll(() => cy.texts(cyChat.id)).toContain('pass this on');
  const deeChat = await dee.chatWith(me);
  await expect.poll(() => dee.texts(deeChat.id)).toContain('pass this on');
  await expect(ana.chatEntry(dee.name)).toContainText('pass this on');
  await expect(ana.chatEntry(cy.name)).toContainText('pass this on');
});

test('a pinned chat stays on top with a tint; a muted one shows a grey dot and adds nothing to the title', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  const cy = await ApiPeer.register(request, uniqueName('cy'));
  const cyChat = await cy.chatWith(await myId(page.request));
  await ben.send(chat.id, 'from ben');
  await cy.send(cyChat.id, 'from cy');
  const entries = page.getByRole('list', { name: 'Chats' }).getByRole('listitem');
  await expect(entries.first()).toContainText(cy.name);
  await expect(page).toHaveTitle('(2) pairchat');

  await test.step('pinned: Ben stays first, tinted, even when Cy writes again', async () => {
    await ana.chatAction(ben.name, 'Pin to top');
    await expect(entries.first()).toContainText(ben.name);
    await expect(entries.first()).toHaveClass(/pinned/);
    await cy.send(cyChat.id, 'cy again');
    await expect(ana.chatEntry(cy.name)).toContainText('cy again');
    await expect(entries.first()).toContainText(ben.name);
  });

  await test.step('muted: Cy keeps a grey dot and a bell-off icon, and counts nowhere', async () => {
    await ana.chatAction(cy.name, 'Mute notifications');
    await expect(ana.chatEntry(cy.name).getByRole('img', { name: 'Muted', exact: true })).toBeVisible();
    await expect(ana.chatEntry(cy.name).getByRole('img', { name: 'Unread messages, muted' })).toBeVisible();
    await expect(ana.unreadBadge(cy.name)).toHaveCount(0);
    await expect(page).toHaveTitle('(1) pairchat');
    await cy.send(cyChat.id, 'cy thrice');
    await expect(ana.chatEntry(cy.name)).toContainText('cy thrice');
    await expect(page).toHaveTitle('(1) pairchat');
  });

  await test.step('both are kept by the server, and undone from the chat header', async () => {
    await page.reload();
    await expect(entries.first()).toContainText(ben.name);
    await expect(page).toHaveTitle('(1) pairchat');
    await ana.openChat(cy.name);
    await page.getByRole('button', { name: 'Chat actions' }).click();
    await page.getByRole('menuitem', { name: 'Unmute' }).click();
    await ana.openChat(ben.name);
    await page.getByRole('button', { name: 'Chat actions' }).click();
    await page.getByRole('menuitem', { name: 'Unpin' }).click();
    await expect(entries.first()).toContainText(cy.name);
    await expect(ana.chatEntry(cy.name).getByRole('img', { name: 'Muted', exact: true })).toHaveCount(0);
  });
});
