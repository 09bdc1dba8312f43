import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/** One person's socket, to pairchat or to the bare relay, as the generator drives it. */
export interface Endpoint {
  /** Sends one message to the peer of this endpoint, named by clientId. */
  send(clientId: string, content: string): void;
  /** Called with the clientId of each message that arrives from the peer. */
  onDelivered: (clientId: string) => void;
  onError: () => void;
  close(): void;
}

/** Opens a socket; `onMessage` is attached before the upgrade completes (a first frame can come with it). */
async function openSocket(
  url: string,
  headers: Record<string, string>,
  onMessage: (text: string) => void,
): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  ws.on('message', (data: Buffer) => onMessage(data.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export interface PairchatUser {
  id: string;
  token: string;
}

export async function registerUsers(
  base: string,
  count: number,
  prefix: string,
  concurrency = 16,
): Promise<PairchatUser[]> {
  const users = new Array<PairchatUser>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${base}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${prefix}${i}_${randomUUID().slice(0, 6)}`, password: 'benchmark-pass' }),
      });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { user: { id: string }; token: string };
      users[i] = { id: body.user.id, token: body.token };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return users;
}

/** A pairchat socket of `me`, sending to `peerId`; waits for `ready`. */
export async function pairchatEndpoint(base: string, me: PairchatUser, peerId: string): Promise<Endpoint> {
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const endpoint: Endpoint = { send: () => {}, onDelivered: () => {}, onError: () => {}, close: () => {} };
  const ws = await openSocket(`${base.replace('http', 'ws')}/ws`, { authorization: `Bearer ${me.token}` }, (text) => {
    // Cheap routing on the frame type; the generator must not be the bottleneck it measures.
    if (text.startsWith('{"type":"message"')) {
      const m = /"clientId":"([^"]+)"/.exec(text.slice(text.indexOf('"message":{')));
      if (m) endpoint.onDelivered(m[1]!);
    } else if (text.startsWith('{"type":"error"')) endpoint.onError();
    else if (text.startsWith('{"type":"ready"')) ready();
  });
  endpoint.send = (clientId, content) => ws.send(JSON.stringify({ type: 'send', to: peerId, clientId, content }));
  endpoint.close = () => ws.terminate();
  await isReady;
  return endpoint;
}

/** A socket of the bare relay in pair `pair`. */
export async function relayEndpoint(base: string, pair: number): Promise<Endpoint> {
  const endpoint: Endpoint = { send: () => {}, onDelivered: () => {}, onError: () => {}, close: () => {} };
  const ws = await openSocket(`${base.replace('http', 'ws')}/?pair=${pair}`, {}, (text) => {
    const m = /"clientId":"([^"]+)"/.exec(text);
    if (m) endpoint.onDelivered(m[1]!);
  });
  endpoint.send = (clientId, content) => ws.send(JSON.stringify({ clientId, content }));
  endpoint.close = () => ws.terminate();
  return endpoint;
}
