/**
 * @pairchat/testing: the helpers the server tests, e2e and bench share. Only test and bench code imports it
 * (a devDependency), never apps/*\/src; it imports no app code either and starts the server as a process.
 * Vitest-only helpers (the MongoDB global setup and `mongoUri`) are in `@pairchat/testing/vitest`.
 */
export { CHEAP_HASHING, LIFTED_LIMITS } from './env.ts';
export { dbNameFor, startJongodb, type JongoServer } from './jongodb.ts';
export { freePort, LOOPBACK, tempDir } from './ports.ts';
export { spawnNode, spawnWatched, stopProcess, waitForOutput, type RunningProcess } from './processes.ts';
export { startRedis } from './redis.ts';
export { startServerProcess, type RunningServer, type ServerProcessOptions } from './server-process.ts';
