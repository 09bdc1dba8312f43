// `pnpm start`: builds whatever is missing (the web app's bundle), then serves on PORT (default 3000).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const webPackage = 'apps/web/package.json';
if (fs.existsSync(webPackage) && !fs.existsSync('apps/web/dist/index.html')) {
  console.log('pairchat: building the web app (first start only)…');
  const build = spawnSync('pnpm', ['--filter', '@pairchat/web', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn('pnpm', ['--filter', '@pairchat/server', '--silent', 'start'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
