import type { AddressInfo } from 'node:net';
import type { ServerFrame } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { Connection, type ConnectionEvents, type ConnectionStatus } from './connection.ts';

/**
 * The tab's connection against a real WebSocket server on a real port (the `ws` package on both ends, as Node has
 * no browser WebSocket). Only the reconnect timer is faked, so a test decides when "later" comes.
 */

let server: WebSocketServer;
let url: string;
/** How the server treats the next upgrades: accept, or refuse with 401 as pairchat does without a session. */
let refuse = false;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('WebSocket', WsClient);
  refuse = false;
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => (refuse ? done(false, 401) : done(true)),
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const c of server.clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Records what the connection reports, and lets a test wait for the next report of a kind. */
function recorder(alive: () => Promise<boolean> = async () => true) {
  const log: string[] = [];
  const frames: ServerFrame[] = [];
  const waiters: { match: string; resolve: () => void }[] = [];
  const note = (entry: string) => {
    log.push(entry);
    for (const w of waiters.splice(0)) {
      if (entry === w.match) w.resolve();
      else waiters.push(w);
    }
  };
  const events: ConnectionEvents = {
    onFrame: (f) => {
      frames.push(f);
      note(`frame ${f.type}`);
    },
    onStatus: (s: ConnectionStatus) => note(s),
    onSessionEnded: () => note('ended'),
    sessionAlive: () => {
      note('asked');
      return alive();
    },
  };
  const next = (match: string) => new Promise<void>((resolve) => waiters.push({ match, resolve }));
  return { log, frames, events, next };
}

const ready = JSON.stringify({ type: 'ready', user: { id: 'a', name: 'ana' } });

describe('Connection', () => {
  it('a 1008 close ends the session: reported once, and it never reconnects', async () => {
    server.on('connection', (ws) => {
      ws.send(ready);
      ws.close(1008, 'signed out');
    });
    const r = recorder();
    const connection = new Connection(url, r.events);
    const ended = r.next('ended');
    connection.start();
    await ended;
    // Past the longest backoff, nothing has tried again.
    vi.advanceTimersByTime(15_000);
    expect(r.log).toEqual(['connecting', 'open', 'frame ready', 'closed', 'ended']);
  });

  it('a refused upgrade asks whether the session lives; a 401 answer ends it instead of retrying for ever', async () => {
    refuse = true;
    const r = recorder(async () => false);
    const connection = new Connection(url, r.events);
    const closed = r.next('closed');
    connection.start();
    await closed;
    const ended = r.next('ended');
    vi.advanceTimersByTime(10_000);
    await ended;
    vi.advanceTimersByTime(15_000);
    expect(r.log).toEqual(['connecting', 'closed', 'asked', 'ended']);
  });

  it('while the session lives it reconnects after a drop, without asking when the socket had been ready', async () => {
    let first = true;
    server.on('connection', (ws) => {
      ws.send(ready);
      if (first) ws.close(1001, 'going away');
      first = false;
    });
    const r = recorder();
    const connection = new Connection(url, r.events);
    const closed = r.next('closed');
    connection.start();
    await closed;
    const reopened = r.next('open');
    vi.advanceTimersByTime(10_000);
    await reopened;
    expect(r.log).toEqual(['connecting', 'open', 'frame ready', 'closed', 'connecting', 'open', 'frame ready']);
    connection.stop();
  });

  it('drops what is not a server frame and passes on what is', async () => {
    server.on('connection', (ws) => {
      ws.send('not json');
      ws.send(JSON.stringify({ type: 'bogus' }));
      ws.send(JSON.stringify({ type: 'presence', userId: 'b' }));
      ws.send(JSON.stringify({ type: 'presence', userId: 'b', online: true }));
    });
    const r = recorder();
    const connection = new Connection(url, r.events);
    const presence = r.next('frame presence');
    connection.start();
    await presence;
    expect(r.frames).toEqual([{ type: 'presence', userId: 'b', online: true }]);
    connection.stop();
  });
});
