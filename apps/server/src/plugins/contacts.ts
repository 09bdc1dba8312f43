import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BlockService } from '../contacts/block-service.ts';
import { ContactsService } from '../contacts/contacts-service.ts';
import { MessagingPolicy, type Messaging } from '../contacts/messaging-policy.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Contacts and contact requests (`contacts/contacts-service.ts`). */
    contacts: ContactsService;
    /** Blocks (`contacts/block-service.ts`). */
    blocks: BlockService;
    /** Who may write to whom and who hears whom: blocks and `MESSAGING`; the chat service enforces it. */
    messagingPolicy: MessagingPolicy;
  }
}

/** The contacts, blocks and messaging policy over the store, bus and presence plugins. */
export default fp(
  async function contacts(app: FastifyInstance, opts: { messaging: Messaging }) {
    const policy = new MessagingPolicy(app.store, opts.messaging);
    app.decorate('messagingPolicy', policy);
    app.decorate('contacts', new ContactsService(app.store, app.bus, app.presence, policy));
    app.decorate('blocks', new BlockService(app.store, app.bus, app.presence));
  },
  { name: 'contacts', dependencies: ['store', 'bus', 'presence'] },
);
