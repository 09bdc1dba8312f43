import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', ALLOWED_ORIGINS: [] });
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c).toMatchObject({ REGISTRATION: 'open', SESSION_CHECK_SECONDS: 1 });
  });

  it('REGISTRATION is open or closed, nothing else', () => {
    expect(loadConfig({ REGISTRATION: 'closed' }).REGISTRATION).toBe('closed');
    expect(() => loadConfig({ REGISTRATION: 'invite' })).toThrow(ConfigError);
  });

  it('parses lists and treats empty values as unset', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example/', MONGODB_URI: '' });
    expect(c.ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(c.MONGODB_URI).toBeUndefined();
  });

  it('rejects bad values with one readable line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ MONGODB_URI: 'http://x' })).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('stops the real server at start with one line and exit code 1', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(tsx, [main], { env: { ...process.env, PORT: 'nope' } }, (err, _stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr });
      });
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^pairchat: bad configuration: PORT/);
  });
});
