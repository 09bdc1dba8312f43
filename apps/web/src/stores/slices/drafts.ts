import type { Message } from '@pairchat/schema';
import { z } from 'zod';
import type { StateCreator } from 'zustand';
import { readStored, writeStored } from '../../lib/stored-json.ts';
import type { AppState } from '../app-store.ts';

/**
 * What I have typed and not sent, per chat: it stays with its chat when I switch chats and across a reload, and the
 * chat list shows it as "[Draft]" (WeChat's behaviour). Kept in localStorage under the signed-in user's id, so two
 * people sharing a browser never see each other's drafts; signing out forgets them in memory, not in storage.
 */
export interface DraftsSlice {
  drafts: Record<string, string>;
  /** The message each chat's composer quotes (WeChat's "Quote"), shown above it with ×; for this page only. */
  replyingTo: Record<string, Message>;
  /** The composer's text for a chat; an empty text removes the draft. */
  setDraft: (chatId: string, text: string) => void;
  /** Quotes a message in a chat's composer, or (null) stops quoting. */
  setReplyingTo: (chatId: string, message: Message | null) => void;
}

export const draftsInitial = { drafts: {} as Record<string, string>, replyingTo: {} as Record<string, Message> };

const StoredDraftsSchema = z.record(z.string(), z.string());
const storageKey = (userId: string) => `pairchat.drafts.${userId}`;

/** The drafts saved for a user; anything unreadable in storage (edited by hand, another version) counts as none. */
export function loadDrafts(userId: string): Record<string, string> {
  return readStored(storageKey(userId), StoredDraftsSchema, {});
}

/** Saves a user's drafts (none: the entry goes); storage full or unavailable, they last for this page only. */
function saveDrafts(userId: string, drafts: Record<string, string>): void {
  writeStored(storageKey(userId), Object.keys(drafts).length === 0 ? null : drafts);
}

export const createDraftsSlice: StateCreator<AppState, [], [], DraftsSlice> = (set, get) => ({
  ...draftsInitial,
  setDraft: (chatId, text) => {
    const { [chatId]: _old, ...others } = get().drafts;
    const drafts = text === '' ? others : { ...others, [chatId]: text };
    set({ drafts });
    const me = get().me;
    if (me) saveDrafts(me.id, drafts);
  },
  setReplyingTo: (chatId, message) => {
    const { [chatId]: _old, ...others } = get().replyingTo;
    set({ replyingTo: message ? { ...others, [chatId]: message } : others });
  },
});
