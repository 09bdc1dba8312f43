import { afterEach, beforeEach } from 'vitest';
import { register, TestSocket, type Person } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/** The server and people of one test; filled in before each test by {@link threePeople}. */
export interface People {
  server: TestServer;
  ana: Person;
  ben: Person;
  cy: Person;
  /** Opens a socket for the person (waits for `ready`); it is closed after the test. */
  open: (person: Person) => Promise<TestSocket>;
}

/**
 * Before each test of the file: a real server (presence announced without coalescing, plus `env`) with Ana, Ben and
 * Cy registered; after it, their sockets and the server closed.
 */
export function threePeople(env: Record<string, string> = {}): People {
  const sockets: TestSocket[] = [];
  const people = {
    open: async (person: Person) => {
      const socket = await TestSocket.open(people.server.wsUrl, person.token);
      sockets.push(socket);
      return socket;
    },
  } as People;
  beforeEach(async () => {
    people.server = await startServer({ env: { PRESENCE_COALESCE_MS: '0', ...env } });
    people.ana = await register(people.server.url, 'ana');
    people.ben = await register(people.server.url, 'ben');
    people.cy = await register(people.server.url, 'cy');
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await people.server.close();
  });
  return people;
}
