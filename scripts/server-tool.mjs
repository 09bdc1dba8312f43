// `pnpm admin …`, `pnpm backup <dir>`, `pnpm restore <dir>`: runs the server's owner tool
// (apps/server/src/admin/main.ts) in the server's package folder, with DATA_DIR and path arguments resolved against
// the folder pnpm was called from, as `pnpm start` does for DATA_DIR.
import { spawn } from 'node:child_process';
import path from 'node:path';

const [tool, ...args] = process.argv.slice(2);
const here = process.env.INIT_CWD ?? process.cwd();
const command = tool === 'admin' ? args : [tool, ...args.map((a) => path.resolve(here, a))];
const env = { ...process.env, DATA_DIR: path.resolve(here, process.env.DATA_DIR ?? 'data') };
const child = spawn(process.execPath, ['--import', 'tsx', 'src/admin/main.ts', ...command], {
  cwd: path.resolve(import.meta.dirname, '../apps/server'),
  stdio: 'inherit',
  env,
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
