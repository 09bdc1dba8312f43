// `pnpm start`: builds whatever is missing (the web app's bundle), then serves on PORT (default 3000) with data in
// ./data of the repository (DATA_DIR to change it). `pnpm dev` (this script with --dev) runs the server with reload.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dev = process.argv.includes('--dev');
if (!dev && fs.existsSync('apps/web/package.json') && !fs.existsSync('apps/web/dist/index.html')) {
  console.log('pairchat: building the web app (first start only)…');
  const build = spawnSync('pnpm', ['--filter', '@pairchat/web', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs in its own package folder: resolve the data folder here, against the repository.
const env = { ...process.env, DATA_DIR: path.resolve(process.env.DATA_DIR ?? 'data') };
const server = spawn('pnpm', ['--filter', '@pairchat/server', '--silent', dev ? 'dev' : 'start'], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
