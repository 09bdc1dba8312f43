// The search scenario: one person with `chats` chats holding `messages` messages in all, made of Latin words and
// Chinese, then `GET /api/search/messages` timed for each kind of query: Latin words of three or more letters in
// any case and four-character Chinese phrases (the trigram index), and one- or two-character queries (the scan of
// the short path). All messages are in the searcher's scope, the worst case for scoping.
import WebSocket from 'ws';
import { registerUsers } from './clients.ts';
import { timeCalls } from './http.ts';
import type { Child } from './processes.ts';
import type { LatencyStats } from './stats.ts';

export interface SearchResults {
  chats: number;
  messages: number;
  /** Latin words, 3+ letters, random case: FTS5 trigram MATCH. */
  latin: LatencyStats;
  /** Two Chinese words (four characters): trigram MATCH. */
  chinese: LatencyStats;
  /** One Chinese word (two characters) or one or two Latin letters: the short path. */
  short: LatencyStats;
  /** Every query above together. */
  all: LatencyStats;
}

/** mulberry32: a small seeded generator, so every run searches the same text. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HANZI =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明';
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'sta', 'vo', 'qui', 'bel', 'tor', 'an', 'es', 'ul', 'dri', 'fen', 'gor'];

function vocabulary(rand: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const latin = Array.from({ length: 400 }, () =>
    Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLLABLES)).join(''),
  );
  const chinese = Array.from({ length: 400 }, () => pick([...HANZI]) + pick([...HANZI]));
  return { latin, chinese, pick };
}

/** One socket of the searcher sends every message, to each peer in turn, 64 unacknowledged at a time. */
async function fill(server: Child, token: string, peers: string[], count: number, text: () => string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      if (data.toString('utf8').startsWith('{"type":"ready"')) resolve();
    });
    ws.once('error', reject);
  });
  let sent = 0;
  let acked = 0;
  await new Promise<void>((resolve, reject) => {
    const fire = () => {
      sent += 1;
      const frame = { type: 'send', to: peers[sent % peers.length], clientId: `s${sent}`, content: text() };
      ws.send(JSON.stringify(frame));
    };
    ws.on('message', (data: Buffer) => {
      const frame = data.toString('utf8');
      if (frame.startsWith('{"type":"error"')) reject(new Error(frame));
      if (!frame.startsWith('{"type":"ack"')) return;
      acked += 1;
      if (sent < count) fire();
      if (acked === count) resolve();
    });
    for (let i = 0; i < 64 && sent < count; i++) fire();
  });
  ws.terminate();
}

export async function searchScenario(
  server: Child,
  size: { chats: number; messages: number; queries: number },
  log: (s: string) => void,
): Promise<SearchResults> {
  log(`- search: ${size.messages} messages in ${size.chats} chats, ${size.queries} queries of each kind`);
  const rand = random(14);
  const { latin, chinese, pick } = vocabulary(rand);
  const [me, ...peers] = await registerUsers(server.url, size.chats + 1, 'search');
  const text = () =>
    Array.from({ length: 3 + Math.floor(rand() * 10) }, () => (rand() < 0.5 ? pick(latin) : pick(chinese))).join(
      rand() < 0.5 ? ' ' : '',
    );
  await fill(
    server,
    me!.token,
    peers.map((p) => p.id),
    size.messages,
    text,
  );
  log('  filled');
  const auth = { authorization: `Bearer ${me!.token}` };
  const search = (q: string) =>
    fetch(`${server.url}/api/search/messages?q=${encodeURIComponent(q)}&limit=20`, { headers: auth });
  const randomCase = (w: string) => [...w].map((c) => (rand() < 0.5 ? c.toUpperCase() : c)).join('');
  const queries = {
    latin: Array.from({ length: size.queries }, () => randomCase(pick(latin))),
    chinese: Array.from({ length: size.queries }, () => pick(chinese) + pick(chinese)),
    short: Array.from({ length: size.queries }, (_, i) =>
      i % 2 ? pick(chinese) : pick(latin).slice(0, 1 + (i % 4 === 1 ? 1 : 0)),
    ),
  };
  const latinStats = await timeCalls(size.queries, (i) => search(queries.latin[i]!));
  const chineseStats = await timeCalls(size.queries, (i) => search(queries.chinese[i]!));
  const shortStats = await timeCalls(size.queries, (i) => search(queries.short[i]!));
  const every = [...queries.latin, ...queries.chinese, ...queries.short];
  const all = await timeCalls(every.length, (i) => search(every[i]!));
  log(
    `  search p50 ${all.p50} ms, p99 ${all.p99} ms (latin p99 ${latinStats.p99}, chinese ${chineseStats.p99}, short ${shortStats.p99})`,
  );
  return {
    chats: size.chats,
    messages: size.messages,
    latin: latinStats,
    chinese: chineseStats,
    short: shortStats,
    all,
  };
}
