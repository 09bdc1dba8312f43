// `pnpm bench [--quick]`: pairchat against the bare relay, on this machine, in one run. Results go to
// bench/results/latest.json and BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pairchatEndpoint, registerUsers, relayEndpoint, type Endpoint, type PairchatUser } from './clients.ts';
import { runLoad, type LoadResult } from './generator.ts';
import { pinSelf, rssOf, startPairchat, startRelay, type Child } from './processes.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

const quick = process.argv.includes('--quick');
const mongoUri = process.env.MONGODB_BENCH_URI;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const size = quick
  ? { seconds: 3, manyPairs: 20, ratedPairs: 200, idleSockets: 1000, idleUsers: 100, boxes: 100, history: 3000 }
  : {
      seconds: 10,
      manyPairs: 100,
      ratedPairs: 1000,
      idleSockets: 10000,
      idleUsers: 1000,
      boxes: 1000,
      history: 100_000,
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

interface ScenarioResult {
  name: string;
  pairchat: LoadResult;
  relay: LoadResult;
  ratio: number;
}

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

async function timeCalls(n: number, call: () => Promise<Response>): Promise<LatencyStats> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    samples.push(performance.now() - t);
  }
  return latencyStats(samples);
}

/** Idle capacity: many authenticated sockets held open; server memory per socket; a message still crosses fast. */
async function idleCapacity(server: Child) {
  log(`- ${size.idleSockets} idle authenticated sockets`);
  const users = await registerUsers(server.url, size.idleUsers, 'idle');
  await new Promise((r) => setTimeout(r, 1000));
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
  await new Promise((r) => setTimeout(r, 2000));
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
async function queries(server: Child) {
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

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
  const pinned = pinSelf();
  const started = new Date();
  log(
    `pairchat bench${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, Node ${process.version}, generator ${pinned ? 'pinned to core 1, servers to core 0' : 'unpinned'}`,
  );
  const relay = await startRelay();
  const server = await startPairchat();
  const results: Record<string, unknown> = {};
  try {
    results.onePairMax = await scenario('1 pair, flat out', server, relay, 1, 'max');
    results.manyPairsMax = await scenario(`${size.manyPairs} pairs, flat out`, server, relay, size.manyPairs, 'max');
    results.ratedPairs = await scenario(
      `${size.ratedPairs} pairs at 1 message/s each`,
      server,
      relay,
      size.ratedPairs,
      1,
    );
    results.queries = await queries(server);
    results.idle = await idleCapacity(server);
  } finally {
    await server.stop();
    await relay.stop();
  }
  if (mongoUri) {
    const mongo = await startPairchat({ mongoUri });
    const relay2 = await startRelay();
    try {
      results.mongoManyPairsMax = await scenario(
        `MongoDB: ${size.manyPairs} pairs, flat out`,
        mongo,
        relay2,
        size.manyPairs,
        'max',
      );
    } finally {
      await mongo.stop();
      await relay2.stop();
    }
  }
  const report = {
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
  if (!quick) writeMarkdown(report as unknown as Report);
  process.exit(0);
}

interface Report {
  date: string;
  machine: { cores: number; cpu: string; memGiB: number; node: string };
  pinned: boolean;
  results: {
    onePairMax: ScenarioResult;
    manyPairsMax: ScenarioResult;
    ratedPairs: ScenarioResult;
    queries: Awaited<ReturnType<typeof queries>>;
    idle: Awaited<ReturnType<typeof idleCapacity>>;
    mongo?: ScenarioResult[];
  };
}

function writeMarkdown(r: Report) {
  const row = (s: ScenarioResult) =>
    `| ${s.name} | ${s.pairchat.perSecond} | ${s.relay.perSecond} | ${s.ratio} | ${s.pairchat.latencyMs.p50} / ${s.pairchat.latencyMs.p95} / ${s.pairchat.latencyMs.p99} / ${s.pairchat.latencyMs.max} | ${s.relay.latencyMs.p50} / ${s.relay.latencyMs.p99} | ${s.pairchat.errors} / ${s.pairchat.lost} / ${s.pairchat.duplicated} |`;
  const q = r.results.queries;
  const idle = r.results.idle;
  const table = `<!-- generated by \`pnpm bench\`; the text around it is written by hand -->
Run of ${r.date.slice(0, 10)} on ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memGiB} GiB, Node ${r.machine.node}; ${r.pinned ? 'server and relay pinned to core 0, the generator to core 1' : 'processes not pinned'}; embedded store.

| scenario | pairchat msg/s | relay msg/s | ratio | pairchat latency ms p50 / p95 / p99 / max | relay ms p50 / p99 | errors / lost / dup |
|---|---|---|---|---|---|---|
${row(r.results.onePairMax)}
${row(r.results.manyPairsMax)}
${row(r.results.ratedPairs)}
${(r.results.mongo ?? []).map(row).join('\n')}

| query | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|
| \`GET /api/chats\`, ${q.boxes} chat boxes | ${q.chatList.p50} | ${q.chatList.p95} | ${q.chatList.p99} | ${q.chatList.max} |
| \`GET …/messages\` newest page, ${q.history} messages | ${q.newestPage.p50} | ${q.newestPage.p95} | ${q.newestPage.p99} | ${q.newestPage.max} |
| \`GET …/messages?before=${Math.floor(q.history / 20)}\` deep page | ${q.deepPage.p50} | ${q.deepPage.p95} | ${q.deepPage.p99} | ${q.deepPage.max} |

| idle capacity | value |
|---|---|
| authenticated sockets held | ${idle.sockets} |
| server RSS before → after | ${idle.rssBeforeMiB} MiB → ${idle.rssAfterMiB} MiB |
| server memory per socket | ${(idle.bytesPerSocket / 1024).toFixed(1)} KiB |
| a message crossing meanwhile, p50 / p99 / max | ${idle.crossing.latencyMs.p50} / ${idle.crossing.latencyMs.p99} / ${idle.crossing.latencyMs.max} ms |
<!-- end generated -->`;
  const path = `${ROOT}/BENCHMARKS.md`;
  const current = fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : '';
  const start = current.indexOf('<!-- generated by');
  const end = current.indexOf('<!-- end generated -->');
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + table + current.slice(end + '<!-- end generated -->'.length)
      : `# Benchmarks\n\n${table}\n`;
  fs.writeFileSync(path, next);
  log(`updated ${path}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
