import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDir } from '@pairchat/testing';
// @ts-expect-error: a plain .mjs script of the repository, without types
import { markBuilt, webBuildNeeded } from '../../scripts/web-build.mjs';

const needed = webBuildNeeded as (root: string) => 'missing' | 'stale' | null;
const built = markBuilt as (root: string) => void;

/** Sets a file's modification time, `secondsAgo` before now, creating it (and its folders) when absent. */
function touch(root: string, file: string, secondsAgo: number): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  if (!fs.existsSync(full)) fs.writeFileSync(full, '');
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(full, when, when);
}

// `pnpm start` (scripts/start.mjs) builds the web app when its bundle is missing, and again when a source changed
// since it was built (a `git pull`): it served the old bundle against the new server before.
test('pnpm start builds the web app when its bundle is missing or older than a source, not otherwise', () => {
  const root = tempDir('pairchat-web-build-');
  touch(root, 'apps/web/package.json', 100);
  touch(root, 'apps/web/src/main.tsx', 100);
  touch(root, 'packages/schema/src/index.ts', 100);
  expect(needed(root)).toBe('missing');
  touch(root, 'apps/web/dist/index.html', 50);
  // Folders' own times (set when their files were made) count too, as a file removed changes them.
  for (const dir of ['apps/web/src', 'packages/schema/src']) {
    const when = new Date(Date.now() - 100_000);
    fs.utimesSync(path.join(root, dir), when, when);
  }
  expect(needed(root)).toBeNull();
  touch(root, 'packages/schema/src/index.ts', 10);
  expect(needed(root)).toBe('stale');
  touch(root, 'apps/web/dist/index.html', 0);
  expect(needed(root)).toBeNull();
  touch(root, 'apps/web/src/features/chat/Composer.tsx', -5);
  expect(needed(root)).toBe('stale');
  // That source's time is in the future (another machine's clock): a build made now is older still, so once built
  // the bundle takes the source's time, and the next start builds nothing.
  touch(root, 'apps/web/dist/index.html', 0);
  expect(needed(root)).toBe('stale');
  built(root);
  expect(needed(root)).toBeNull();
  // A dependency bumped in the lockfile.
  touch(root, 'pnpm-lock.yaml', -10);
  expect(needed(root)).toBe('stale');
  // A repository without the web app needs no build.
  expect(needed(tempDir('pairchat-no-web-'))).toBeNull();
});
