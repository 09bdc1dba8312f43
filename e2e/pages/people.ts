import { expect, type APIRequestContext, type Locator } from '@playwright/test';
import { ContactAnswerSchema, ContactRequestAnswerSchema } from '@pairchat/schema';
import type { ChatApp } from './chat-app.ts';
import { myId } from './api-peer.ts';

/** What a person sees and does in Contacts, on a person's page and in Me (issue 16), by role and name. */
export class People {
  constructor(readonly app: ChatApp) {}

  private get page() {
    return this.app.page;
  }

  /** The list column of the Contacts tab. */
  get contactsColumn(): Locator {
    return this.page.getByRole('region', { name: 'Contacts', exact: true });
  }

  /** A contact's entry in the Contacts tab, by the name I see for them. */
  contact(name: string): Locator {
    return this.contactsColumn.getByRole('button', { name, exact: true });
  }

  /** "New friends" (新的朋友), described by the count of requests to me. */
  get newFriends(): Locator {
    return this.contactsColumn.getByRole('button', { name: 'New friends', exact: true });
  }

  /** Asks a person to be my contact, found by name in Add contacts, with a note. */
  async requestContact(name: string, note: string): Promise<void> {
    await this.app.rail('Contacts').click();
    await this.contactsColumn.getByRole('button', { name: 'Add contacts', exact: true }).click();
    await this.page.getByRole('searchbox', { name: 'Search people by name' }).fill(name);
    await this.page.getByRole('button', { name: `Add to contacts: ${name}`, exact: true }).click();
    await this.page.getByRole('textbox', { name: 'Note' }).fill(note);
    await this.page.getByRole('button', { name: 'Send request', exact: true }).click();
    const found = this.page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(found.filter({ hasText: name })).toContainText('Requested');
  }

  /** Opens a contact's page from the Contacts tab. */
  async openPerson(name: string): Promise<void> {
    await this.app.rail('Contacts').click();
    await this.contact(name).click();
    await expect(this.page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }

  /** Chooses an item of the open chat's menu (⋯ in its header). */
  async chatMenu(item: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Chat actions' }).click();
    await this.page.getByRole('menuitem', { name: item, exact: true }).click();
  }
}

/** Makes the people signed in on two request contexts each other's contacts, through the REST API. */
export async function becomeContacts(asker: APIRequestContext, asked: APIRequestContext): Promise<void> {
  const sent = await asker.post('/api/contacts/requests', { data: { userId: await myId(asked) } });
  expect(sent.status()).toBe(201);
  const { request } = ContactRequestAnswerSchema.parse(await sent.json());
  const accepted = await asked.post(`/api/contacts/requests/${request.id}/accept`);
  expect(accepted.ok()).toBe(true);
  ContactAnswerSchema.parse(await accepted.json());
}
