import { expect, type Locator, type Page } from '@playwright/test';

let counter = 0;
/** A name no other test uses, so tests can share one server. */
export function uniqueName(base: string): string {
  counter += 1;
  return `${base}${counter}${Math.random().toString(36).slice(2, 7)}`;
}

/** The page object: what a person sees and does, by role and accessible name. */
export class ChatApp {
  constructor(readonly page: Page) {}

  async register(name: string, password = 'password123'): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('button', { name: 'New here? Create an account' }).click();
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await expect(this.rail('Chats')).toBeVisible();
  }

  /**
   * Registers through the API (the page's cookie jar keeps the session) and loads the app signed in: for specs
   * about what comes after sign-in, in any language.
   */
  async signUp(name: string, password = 'password123'): Promise<void> {
    const res = await this.page.request.post('/api/auth/register', { data: { name, password } });
    expect(res.ok()).toBe(true);
    await this.page.goto('/');
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  /**
   * A tab of the rail (the bottom tabs on a phone), by its visible label. 'Settings' is the old name of the
   * 'Me' tab, kept for specs written before the tabs had labels.
   */
  rail(name: 'Chats' | 'Contacts' | 'Me' | 'Settings'): Locator {
    return this.page
      .getByRole('navigation')
      .getByRole('button', { name: name === 'Settings' ? 'Me' : name, exact: true });
  }

  /** Finds a person in Contacts and opens the chat with them. */
  async openContact(name: string): Promise<void> {
    await this.rail('Contacts').click();
    await this.page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
    await this.page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
    // Wait for the first page of history (the log stops being busy): today a message acked while that page is
    // still on its way is dropped from view (the store's `acked` adds to a history only once it exists).
    await expect(this.log).toHaveAttribute('aria-busy', 'false');
  }

  /** The button that opens my chat with a person, named by the person. */
  chatItem(peer: string): Locator {
    return this.page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: peer, exact: true });
  }

  /** The whole chat-list entry: the button, the last message, its time and the unread badge. */
  chatEntry(peer: string): Locator {
    return this.page
      .getByRole('list', { name: 'Chats' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: peer, exact: true }) });
  }

  async openChat(peer: string): Promise<void> {
    await this.rail('Chats').click();
    await this.chatItem(peer).click();
    await expect(this.page.getByRole('heading', { name: peer, exact: true })).toBeVisible();
    await expect(this.log).toHaveAttribute('aria-busy', 'false');
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** The open conversation. */
  get log(): Locator {
    return this.page.getByRole('log');
  }

  /** The newest message row of the open chat. */
  get lastRow(): Locator {
    return this.log.locator('.row').last();
  }

  /** How far the open chat's view is above its bottom, in CSS pixels (0: the newest message is fully shown). */
  distanceFromBottom(): Promise<number> {
    return this.log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  }

  bubble(text: string): Locator {
    return this.log.locator('.row', { hasText: text });
  }

  unreadBadge(peer: string): Locator {
    return this.chatEntry(peer).getByLabel(/unread$/);
  }

  /** Opens a message's menu the way a mouse does, with a right-click on its bubble (not on a quote of it). */
  async messageMenu(text: string): Promise<Locator> {
    await this.log.locator('.bubble', { hasText: text }).click({ button: 'right' });
    const menu = this.page.getByRole('menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Chooses one item of a message's menu. */
  async messageAction(text: string, item: string): Promise<void> {
    const menu = await this.messageMenu(text);
    await menu.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** Chooses one item of a chat-list entry's menu (⋯). */
  async chatAction(peer: string, item: string): Promise<void> {
    await this.rail('Chats').click();
    await this.page.getByRole('button', { name: `More actions for ${peer}` }).click();
    await this.page.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** WeChat's 搜索 box above the chat list. */
  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search chats, contacts and messages' });
  }

  /** What the search box found, grouped (Contacts, Chats, Messages). */
  get searchResults(): Locator {
    return this.page.getByRole('region', { name: 'Search results' });
  }

  /** The composer's quote, while a reply is being written. */
  get composerQuote(): Locator {
    return this.page.locator('.composer-quote');
  }
}
