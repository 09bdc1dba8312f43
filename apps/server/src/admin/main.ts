import path from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import { AccountCommands } from './accounts.ts';
import { AdminError } from './admin-error.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';

const USAGE = `usage:
  pnpm admin add-user <name>         (the password from stdin, or typed at a prompt)
  pnpm admin reset-password <name>   (likewise; every session of the account ends)
  pnpm admin disable <name>          (cannot sign in; every session ends at once)
  pnpm admin enable <name>
  pnpm admin list
  pnpm backup <new folder>           (embedded store only; with MongoDB use mongodump)
  pnpm restore <backup folder>       (into an empty DATA_DIR, server stopped)`;

/**
 * The server owner's command-line tool (`pnpm admin …`, `pnpm backup`, `pnpm restore`; the root package's scripts
 * run it in apps/server through `scripts/server-tool.mjs`). It reads the server's configuration (`config.ts`, the
 * same environment: DATA_DIR or MONGODB_URI) and opens the same store. Exit status: 0 done, 1 refused, 2 usage.
 */
async function main(argv: string[]): Promise<void> {
  const [command, arg, ...rest] = argv;
  const needsArg = command !== 'list';
  if (!command || (needsArg && !arg) || rest.length > 0 || (!needsArg && arg)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (command === 'backup' || command === 'restore') {
    if (config.MONGODB_URI)
      throw new AdminError('with MONGODB_URI, back up with mongodump and restore with mongorestore');
    const dataDir = path.resolve(config.DATA_DIR);
    if (command === 'backup') {
      const manifest = await backup(dataDir, path.resolve(arg!));
      out(`backed up ${dataDir} into ${path.resolve(arg!)} (${manifest.mediaFiles} media files)`);
    } else {
      await restore(path.resolve(arg!), dataDir);
      out(`restored ${path.resolve(arg!)} into ${dataDir}`);
    }
    return;
  }
  const store = await openStore(config);
  try {
    const accounts = new AccountCommands(store, config, out);
    if (command === 'add-user') await accounts.addUser(arg!);
    else if (command === 'reset-password') await accounts.resetPassword(arg!);
    else if (command === 'disable') await accounts.setDisabled(arg!, true);
    else if (command === 'enable') await accounts.setDisabled(arg!, false);
    else if (command === 'list') await accounts.list();
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof AdminError || err instanceof ConfigError) {
    process.stderr.write(`pairchat admin: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`pairchat admin: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
