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

  rail(name: 'Chats' | 'Contacts' | 'Settings'): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name, exact: true });
  }

  /** Finds a person in Contacts and opens the chat with them. */
  async openContact(name: string): Promise<void> {
    await this.rail('Contacts').click();
    await this.page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
    await this.page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
  }

  chatItem(peer: string): Locator {
    return this.page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: peer, exact: true });
  }

  async openChat(peer: string): Promise<void> {
    await this.rail('Chats').click();
    await this.chatItem(peer).click();
    await expect(this.page.getByRole('heading', { name: peer, exact: true })).toBeVisible();
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

  bubble(text: string): Locator {
    return this.log.locator('.row', { hasText: text });
  }

  unreadBadge(peer: string): Locator {
    return this.chatItem(peer).getByLabel(/unread$/);
  }
}
