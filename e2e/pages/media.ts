import type { Locator, Page } from '@playwright/test';

/** Photos made in the page (a canvas), for upload by file chooser or by paste. */

/** A `width`×`height` PNG filled with `color`, drawn by the page's canvas: real bytes the server can decode. */
export async function pngBytes(page: Page, width: number, height: number, color: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    ({ width, height, color }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      g.fillStyle = color;
      g.fillRect(0, 0, width, height);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    { width, height, color },
  );
  return Buffer.from(base64, 'base64');
}

/**
 * Pastes PNG bytes into `target` as the clipboard would (a paste event carrying one image file): what Ctrl+V does
 * after "Copy image" in another program. The headless browser has no system clipboard to put it on.
 */
export async function pastePng(target: Locator, png: Buffer): Promise<void> {
  await target.evaluate((el, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

/** Picks files with the composer's "Photo or file" button and the browser's file chooser. */
export async function chooseFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Photo or file' }).click();
  await (await chooser).setFiles(files);
}
