import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface JongoServer {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts jongodb, the MongoDB-wire-compatible test server shipped as a native binary in an npm package, on a free
 * loopback port (or on `port`, to bring one back where it was). It stands in for mongod, which cannot be installed here; it keeps data in memory only.
 */
export async function startJongodb(port?: number): Promise<JongoServer> {
  const pkg = require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json');
  const bin = path.join(path.dirname(pkg), 'bin', 'jongodb');
  port ??= await freePort();
  const child = spawn(bin, ['--host=127.0.0.1', `--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`jongodb did not start: ${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /JONGODB_URI=(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`jongodb exited with ${code}: ${out}`)));
  });
  return {
    uri,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
