import type { Page } from '@playwright/test';

/**
 * The Page Visibility API as a person switching to another window would drive it: `document.visibilityState` and
 * `document.hidden` overridden, then `visibilitychange` dispatched (headless Chromium never hides a page itself).
 */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
