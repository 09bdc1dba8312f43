// Whether the web app's bundle (apps/web/dist) is older than what it is built from, for `pnpm start`.
import fs from 'node:fs';
import path from 'node:path';

/** What the bundle is built from, relative to the repository: the app, its static files, its config, the schema. */
const SOURCES = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/schema/src',
  'pnpm-lock.yaml', // a dependency of the app bumped
];

/** The file whose time is the build's. */
const BUNDLE = 'apps/web/dist/index.html';

/** The newest modification time of all of SOURCES under `root`. */
function newestSource(root) {
  return Math.max(...SOURCES.map((s) => newestChange(path.join(root, s))));
}

/** The newest modification time (ms since the epoch) of `file`, or of anything under it when a folder; 0 if absent. */
function newestChange(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a file removed changes its folder's time
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  return newest;
}

/**
 * Why the web bundle under `root` must be built before serving, or null when it is current: `missing` (a fresh
 * clone) or `stale` (a source changed since the build, e.g. after a `git pull`, which sets the pulled files'
 * times to now). A repository without `apps/web` needs nothing.
 */
export function webBuildNeeded(root) {
  if (!fs.existsSync(path.join(root, 'apps/web/package.json'))) return null;
  const built = fs.statSync(path.join(root, BUNDLE), { throwIfNoEntry: false });
  if (!built) return 'missing';
  return newestSource(root) > built.mtimeMs ? 'stale' : null;
}

/**
 * After a build: the bundle's time is set to its newest source's when that is later than now (a file from a
 * machine whose clock runs ahead), so the next start does not find it stale again and build on every start.
 */
export function markBuilt(root) {
  const bundle = path.join(root, BUNDLE);
  const newest = newestSource(root);
  // A millisecond later than it: a time set through a Date comes back a few nanoseconds short (seconds as a float).
  if (newest > fs.statSync(bundle).mtimeMs) fs.utimesSync(bundle, new Date(), new Date(Math.ceil(newest) + 1));
}
