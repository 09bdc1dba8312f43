// `pnpm start`: builds the web app's bundle when it is missing or older than its sources, then serves on PORT
// (default 3000) with data in ./data of the repository (DATA_DIR to change it). `pnpm dev` (this script with --dev)
// runs the server with reload.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { markBuilt, webBuildNeeded } from './web-build.mjs';

const dev = process.argv.includes('--dev');
const needed = dev ? null : webBuildNeeded('.');
if (needed) {
  console.log(
    needed === 'missing'
      ? 'pairchat: building the web app (first start only)…'
      : 'pairchat: the web app changed since it was built; building it again…',
  );
  const build = spawnSync('pnpm', ['--filter', '@pairchat/web', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  markBuilt('.');
}

// The server runs in its own package folder: resolve the data folder here, against the repository.
const env = { ...process.env, DATA_DIR: path.resolve(process.env.DATA_DIR ?? 'data') };
// Started as apps/server's own `start` script does, but as this process's child, not under a pnpm and a shell: a
// signal sent to those is not passed on (pnpm exits, the shell dies), so the server would be left running.
const server = dev
  ? spawn('pnpm', ['--filter', '@pairchat/server', '--silent', 'dev'], { stdio: 'inherit', env })
  : spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: 'apps/server', stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `pnpm start` runs this under pnpm and a shell. A supervisor that signals only the process it started (pnpm) ends
// those two and not this one, which the system then adopts: when that happens the server is stopped as if the
// signal had come here (SIGTERM: a graceful shutdown within SHUTDOWN_TIMEOUT_MS). Only under a package manager
// (which sets npm_lifecycle_event): `nohup node scripts/start.mjs &` in a script that then exits is meant to go on.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphaned);
    server.kill('SIGTERM');
  }, 500);
  orphaned.unref();
}
