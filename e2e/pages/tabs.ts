import { expect, type Browser, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import { ChatApp } from './chat-app.ts';

/** People with browser contexts, second tabs of a session, and a tab's link to the server that can be cut. */

/** A person signed up in a browser context of their own. */
export async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const app = new ChatApp(await context.newPage());
  await app.register(name);
  return { context, app, name };
}

/** A second tab of the same session (same cookie), showing the chat screen. */
export async function secondTab(context: BrowserContext, prepare?: (page: Page) => Promise<void>): Promise<ChatApp> {
  const page = await context.newPage();
  await prepare?.(page);
  const tab = new ChatApp(page);
  await page.goto('/');
  await expect(tab.rail('Chats')).toBeVisible();
  return tab;
}

/**
 * A tab's link to the server that a test can cut and restore, like a train going into a tunnel: while cut, its
 * socket closes and every new one is closed at once; REST calls still pass.
 */
export async function cuttableLink(page: Page) {
  let up = true;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (!up) return void ws.close();
    ws.connectToServer();
    open.push(ws);
  });
  return {
    cut: async () => {
      up = false;
      for (const ws of open.splice(0)) await ws.close();
    },
    restore: () => {
      up = true;
    },
  };
}
