// Renders the app icons of the web manifest (192 and 512 px PNG, the sizes browsers require to install an app)
// from public/favicon.svg with sharp. Run after changing the favicon: `pnpm --filter @pairchat/web icons`; the PNGs
// are committed, so a build needs no image tooling.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
for (const size of [192, 512]) {
  await sharp(`${publicDir}favicon.svg`, { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`${publicDir}icons/icon-${size}.png`);
}
