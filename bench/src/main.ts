// `pnpm bench [--quick] [--mongodb] [--search] [--media]`: pairchat against the bare relay, on this machine, in one
// run. Results go to bench/results/latest.json and BENCHMARKS.md (--quick: bench/results/quick.json only). --search
// runs the search scenario alone (bench/results/search.json), on the embedded store and, with --mongodb, on MongoDB.
// --media runs the media scenario alone (bench/results/media.json, or media-quick.json with --quick), on the
// embedded store. With --mongodb, or with MONGODB_BENCH_URI set, the MongoDB adapter is measured too: on
// MONGODB_BENCH_URI when set, else on the jongodb stand-in the server tests use (whose numbers say it works end to
// end, not how fast MongoDB is).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startJongodb } from '@pairchat/testing';
import { pairchatEndpoint, registerUsers, relayEndpoint, type Endpoint, type PairchatUser } from './clients.ts';
import { runLoad } from './generator.ts';
import { pinSelf, rssOf, startPairchat, startRelay, type Child } from './processes.ts';
import {
  renderTable,
  spliceTable,
  type BenchReport,
  type BenchResults,
  type IdleResults,
  type QueryResults,
  type ScenarioResult,
} from './report.ts';
import { timeCalls } from './http.ts';
import { BenchSettingError, mediaScenario } from './media.ts';
import { searchScenario } from './search.ts';

const quick = process.argv.includes('--quick');
const withMongo = process.argv.includes('--mongodb') || Boolean(process.env.MONGODB_BENCH_URI);
const searchOnly = process.argv.includes('--search');
const mediaOnly = process.argv.includes('--media');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const size = quick
  ? {
      seconds: 3,
      manyPairs: 20,
      ratedPairs: 200,
      idleSockets: 1000,
      idleUsers: 100,
      boxes: 100,
      history: 3000,
      search: { chats: 100, messages: 5000, queries: 50 },
      mongoSearch: { chats: 100, messages: 2000, queries: 30 },
      media: { repeats: 3, seconds: 3, pairs: 5, rate: 20 },
    }
  : {
      seconds: 10,
      manyPairs: 100,
      ratedPairs: 1000,
      idleSockets: 10000,
      idleUsers: 1000,
      boxes: 1000,
      history: 100_000,
      search: { chats: 1000, messages: 100_000, queries: 200 },
      mongoSearch: { chats: 100, messages: 10_000, queries: 50 },
      media: { repeats: 5, seconds: 10, pairs: 5, rate: 20 },
    };

const log = (s: string) => process.stdout.write(`${s}\n`);

async function pairchatPairs(server: Child, n: number, users?: PairchatUser[]): Promise<[Endpoint, Endpoint][]> {
  users ??= await registerUsers(server.url, n * 2, `p${n}_`);
  if (process.env.BENCH_DEBUG) log(`  registered ${users.length}`);
  const pairs: [Endpoint, Endpoint][] = [];
  for (let i = 0; i < n; i++) {
    const a = users[2 * i]!;
    const b = users[2 * i + 1]!;
    pairs.push([await pairchatEndpoint(server.url, a, b.id), await pairchatEndpoint(server.url, b, a.id)]);
  }
  return pairs;
}

async function relayPairs(relay: Child, n: number): Promise<[Endpoint, Endpoint][]> {
  const pairs: [Endpoint, Endpoint][] = [];
  for (let i = 0; i < n; i++) pairs.push([await relayEndpoint(relay.url, i), await relayEndpoint(relay.url, i)]);
  return pairs;
}

const closeAll = (pairs: [Endpoint, Endpoint][]) => pairs.forEach(([a, b]) => (a.close(), b.close()));

async function scenario(
  name: string,
  server: Child,
  relay: Child,
  n: number,
  rate: number | 'max',
): Promise<ScenarioResult> {
  log(`- ${name}`);
  const rp = await relayPairs(relay, n);
  const r = await runLoad(rp, { rate, seconds: size.seconds });
  closeAll(rp);
  log(`  relay done; connecting ${n * 2} people to pairchat`);
  const pp = await pairchatPairs(server, n);
  log('  connected');
  const p = await runLoad(pp, { rate, seconds: size.seconds });
  closeAll(pp);
  log(`  pairchat ${p.perSecond}/s p99 ${p.latencyMs.p99} ms | relay ${r.perSecond}/s p99 ${r.latencyMs.p99} ms`);
  return { name, pairchat: p, relay: r, ratio: Math.round((p.perSecond / Math.max(1, r.perSecond)) * 100) / 100 };
}

/** Idle capacity: many authenticated sockets held open; server memory per socket; a message still crosses fast. */
async function idleCapacity(server: Child): Promise<IdleResults> {
  log(`- ${size.idleSockets} idle authenticated sockets`);
  const users = await registerUsers(server.url, size.idleUsers, 'idle');
  await settled(server);
  const before = rssOf(server.pid);
  const perUser = Math.ceil(size.idleSockets / users.length);
  const sockets: Endpoint[] = [];
  for (let i = 0; i < size.idleSockets; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(size.idleSockets, i + 100); j++) {
      const me = users[Math.floor(j / perUser)]!;
      batch.push(pairchatEndpoint(server.url, me, me.id));
    }
    sockets.push(...(await Promise.all(batch)));
  }
  // Each socket has had its `ready` frame, so the server holds all of them now.
  await settled(server);
  const after = rssOf(server.pid);
  // One more pair, chatting one message at a time while the idle sockets stay open.
  const [pair] = await pairchatPairs(server, 1);
  const crossing = await runLoad([pair!], { rate: 20, seconds: Math.min(5, size.seconds) });
  closeAll([pair!]);
  sockets.forEach((s) => s.close());
  const perSocket = Math.round((after - before) / size.idleSockets);
  log(`  ${perSocket} bytes of server RSS per socket; crossing p99 ${crossing.latencyMs.p99} ms`);
  return {
    sockets: size.idleSockets,
    rssBeforeMiB: mib(before),
    rssAfterMiB: mib(after),
    bytesPerSocket: perSocket,
    crossing,
  };
}

/** Flat cursor pagination: the chat list of a person with many chat boxes, and pages of a long history. */
async function queries(server: Child): Promise<QueryResults> {
  log(`- GET /api/chats with ${size.boxes} chat boxes; GET messages in a chat of ${size.history} messages`);
  const [me, ...peers] = await registerUsers(server.url, size.boxes + 1, 'box');
  const owner = me as PairchatUser;
  for (let i = 0; i < peers.length; i += 50) {
    await Promise.all(
      peers.slice(i, i + 50).map(async (peer) => {
        const res = await fetch(`${server.url}/api/chats`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${peer.token}` },
          body: JSON.stringify({ peerId: owner.id }),
        });
        const { chat } = (await res.json()) as { chat: { id: string } };
        await fetch(`${server.url}/api/chats/${chat.id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${peer.token}` },
          body: JSON.stringify({ clientId: `hello-${i}`, content: 'hello' }),
        });
      }),
    );
  }
  const auth = { authorization: `Bearer ${owner.token}` };
  const chats = await timeCalls(50, () => fetch(`${server.url}/api/chats`, { headers: auth }));

  // A long history, filled through the socket as fast as delivery allows.
  const historyUsers = await registerUsers(server.url, 2, 'hist');
  const [pair] = await pairchatPairs(server, 1, historyUsers);
  const target = size.history;
  await new Promise<void>((resolve) => {
    let delivered = 0;
    let sent = 0;
    const [a, b] = pair!;
    const fire = () => a.send(`h${++sent}`, `history ${sent}`);
    b.onDelivered = () => {
      delivered++;
      if (sent < target) fire();
      if (delivered === target) resolve();
    };
    for (let i = 0; i < 64 && sent < target; i++) fire();
  });
  const bAuth = { authorization: `Bearer ${historyUsers[1]!.token}` };
  const chatList = (await (await fetch(`${server.url}/api/chats`, { headers: bAuth })).json()) as {
    chats: { id: string }[];
  };
  const chatId = chatList.chats[0]!.id;
  const newest = await timeCalls(50, () => fetch(`${server.url}/api/chats/${chatId}/messages`, { headers: bAuth }));
  const deep = await timeCalls(50, () =>
    fetch(`${server.url}/api/chats/${chatId}/messages?before=${Math.floor(target / 20)}`, { headers: bAuth }),
  );
  closeAll([pair!]);
  log(`  chats p50 ${chats.p50} ms; newest page p50 ${newest.p50} ms; deep page p50 ${deep.p50} ms`);
  return { boxes: size.boxes, history: target, chatList: chats, newestPage: newest, deepPage: deep };
}

/**
 * A barrier instead of a pause: one more HTTP round trip (`GET /api/health`) once every earlier request has been
 * answered, so the server has handled all that was sent to it before its memory is read.
 */
async function settled(server: Child): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`health: HTTP ${res.status}`);
}

/** The MongoDB adapter's scenarios, on MONGODB_BENCH_URI or on a jongodb stand-in started for the run. */
async function mongoScenarios(): Promise<NonNullable<BenchResults['mongo']>> {
  const real = process.env.MONGODB_BENCH_URI;
  const target = real ? 'mongodb' : 'jongodb stand-in';
  log(`MongoDB adapter, on ${target}:`);
  const jongodb = real ? undefined : await startJongodb();
  const started: Child[] = [];
  try {
    const mongo = await startPairchat({ mongoUri: real ?? jongodb?.uri });
    started.push(mongo);
    const relay = await startRelay();
    started.push(relay);
    const many = await scenario(`${size.manyPairs} pairs, flat out`, mongo, relay, size.manyPairs, 'max');
    return { target, scenarios: [many] };
  } finally {
    for (const child of started) await child.stop();
    await jongodb?.stop();
  }
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** `--search`: the search scenario alone, on a fresh embedded store, and on MongoDB with --mongodb. */
async function searchMain() {
  pinSelf();
  const server = await startPairchat();
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine: os.cpus()[0]?.model };
  try {
    results.sqlite = await searchScenario(server, size.search, log);
  } finally {
    await server.stop();
  }
  if (withMongo) {
    const real = process.env.MONGODB_BENCH_URI;
    log(`MongoDB adapter, on ${real ? 'mongodb' : 'jongodb stand-in'}:`);
    const jongodb = real ? undefined : await startJongodb();
    const mongo = await startPairchat({ mongoUri: real ?? jongodb?.uri });
    try {
      results.mongo = await searchScenario(mongo, size.mongoSearch, log);
    } finally {
      await mongo.stop();
      await jongodb?.stop();
    }
  }
  fs.writeFileSync(`${ROOT}/bench/results/search.json`, `${JSON.stringify(results, null, 2)}\n`);
  process.exit(0);
}

/** `--media`: the media scenario alone, on a fresh embedded store. */
async function mediaMain() {
  pinSelf();
  const server = await startPairchat();
  try {
    const results = {
      date: new Date().toISOString(),
      machine: os.cpus()[0]?.model,
      quick,
      ...(await mediaScenario(server, size.media, log)),
    };
    // --quick: a file of its own (not committed), so a check never replaces the committed full run.
    const file = quick ? 'media-quick.json' : 'media.json';
    fs.writeFileSync(`${ROOT}/bench/results/${file}`, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await server.stop();
  }
  process.exit(0);
}

async function main() {
  if (searchOnly) return searchMain();
  if (mediaOnly) return mediaMain();
  const pinned = pinSelf();
  const started = new Date();
  log(
    `pairchat bench${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, Node ${process.version}, generator ${pinned ? 'pinned to core 1, servers to core 0' : 'unpinned'}`,
  );
  const relay = await startRelay();
  let server = await startPairchat();
  let results: BenchResults;
  try {
    results = {
      onePairMax: await scenario('1 pair, flat out', server, relay, 1, 'max'),
      manyPairsMax: await scenario(`${size.manyPairs} pairs, flat out`, server, relay, size.manyPairs, 'max'),
      ratedPairs: await scenario(`${size.ratedPairs} pairs at 1 message/s each`, server, relay, size.ratedPairs, 1),
      queries: await queries(server),
      idle: await idleCapacity(server),
    };
    // A fresh server, so the other scenarios' messages do not count towards the searched history.
    await server.stop();
    server = await startPairchat();
    results.search = await searchScenario(server, size.search, log);
    // Again a fresh server: the uploads' files and text latency are measured on an otherwise idle process.
    await server.stop();
    server = await startPairchat();
    results.media = await mediaScenario(server, size.media, log);
  } finally {
    await server.stop();
    await relay.stop();
  }
  if (withMongo) results.mongo = await mongoScenarios();
  const report: BenchReport = {
    date: started.toISOString(),
    quick,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '?',
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    pinned,
    store: 'sqlite (embedded)',
    results,
  };
  fs.mkdirSync(`${ROOT}/bench/results`, { recursive: true });
  const file = `${ROOT}/bench/results/${quick ? 'quick' : 'latest'}.json`;
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file}`);
  if (!quick) writeMarkdown(report);
  process.exit(0);
}

function writeMarkdown(report: BenchReport) {
  const path = `${ROOT}/BENCHMARKS.md`;
  const current = fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : '';
  fs.writeFileSync(path, spliceTable(current, renderTable(report)));
  log(`updated ${path}`);
}

void main().catch((err: unknown) => {
  console.error(err instanceof BenchSettingError ? `pairchat bench: ${err.message}` : err);
  process.exit(1);
});
