/// <reference lib="webworker" />
/**
 * pairchat's service worker (built by vite-plugin-pwa's injectManifest strategy, with workbox):
 * - precaches the app shell (the built scripts, styles, icons, manifest and offline page), so a start loads them
 *   from the cache (workbox's cache-first precache route), and a new build replaces them;
 * - a page load that cannot reach the server shows offline.html, which says so;
 * - shows a notification for each Web Push (contract: Web Push; the payload is `PushPayload`), one per chat
 *   (`tag`), and a click focuses an open tab of the app, asking it to open the chat, or opens `/?chat=<chatId>`.
 */
import { PushPayloadSchema } from '@pairchat/schema';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

/** The page shown when a navigation fails for want of network. */
const OFFLINE_PAGE = '/offline.html';
const ICON = '/icons/icon-192.png';

/** What the SW posts to an open tab when a notification of a chat is clicked: the page opens that chat. */
export interface OpenChatMessage {
  type: 'open-chat';
  chatId: string;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages come from the network (index.html is left out of the precache, so a deploy shows at once and a start
// without network is not mistaken for a sign-out); when the network fails, the precached offline page says so.
registerRoute(
  ({ request }) => request.mode === 'navigate',
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      return (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
    }
  },
);

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data: unknown = null;
  try {
    data = event.data?.json();
  } catch {
    // Not JSON: shown as a plain "new message" below.
  }
  const parsed = PushPayloadSchema.safeParse(data);
  const payload = parsed.success ? parsed.data : null;
  const title = payload?.title ?? 'pairchat';
  const body = payload ? (payload.count > 1 ? `[${payload.count}] ${payload.body}` : payload.body) : 'New message';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      icon: ICON,
      // One notification per chat: a newer push about the chat replaces the shown one.
      tag: payload?.chatId ?? 'pairchat',
      data: { chatId: payload?.chatId ?? null },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { chatId } = (event.notification.data ?? {}) as { chatId?: string | null };
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const tab = tabs.find((c) => new URL(c.url).origin === self.location.origin);
      if (tab) {
        await tab.focus();
        if (chatId) tab.postMessage({ type: 'open-chat', chatId } satisfies OpenChatMessage);
        return;
      }
      await self.clients.openWindow(chatId ? `/?chat=${encodeURIComponent(chatId)}` : '/');
    })(),
  );
});
