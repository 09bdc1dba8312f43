import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pairKey } from '@pairchat/schema';
import { tempDir } from '@pairchat/testing';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const N = Number(process.argv[2] ?? 100000);
const CHATS = 1000;
let seed = 14;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const HANZI = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明';
const SYL = ['ka','lo','mi','ren','sta','vo','qui','bel','tor','an','es','ul','dri','fen','gor'];
const pick = <T,>(l: readonly T[]) => l[Math.floor(rand() * l.length)]!;
const latin = Array.from({ length: 400 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYL)).join(''));
const chinese = Array.from({ length: 400 }, () => pick([...HANZI]) + pick([...HANZI]));
const text = () => Array.from({ length: 3 + Math.floor(rand() * 10) }, () => (rand() < 0.5 ? pick(latin) : pick(chinese))).join(rand() < 0.5 ? ' ' : '');
const store = new SqliteStore(tempDir(), { synchronous: 'NORMAL' });
const me = { id: 'me0', name: 'me' };
const peers = Array.from({ length: CHATS }, (_, i) => ({ id: `p${i}`, name: `p${i}` }));
for (const u of [me, ...peers]) await store.users.create({ ...u, nameKey: u.name, passwordHash: 'h', createdAt: 'x' });
let t = performance.now();
const batch: Promise<unknown>[] = [];
for (let i = 0; i < N; i++) {
  batch.push(store.messages.append({ id: randomUUID(), from: me, to: peers[i % CHATS]!, clientId: `c${i}`, kind: 'text', content: text(), media: null, replyTo: null, date: new Date(Date.UTC(2026,0,1) + i).toISOString(), newChatIds: { sender: randomUUID(), recipient: randomUUID() } }));
  if (batch.length === 500) { await Promise.all(batch); batch.length = 0; }
}
await Promise.all(batch);
console.log('fill', Math.round(performance.now() - t), 'ms');
const scopes = peers.map((p) => ({ chatKey: pairKey(me.id, p.id), above: 0 }));
const time = (label: string, qs: string[]) => {
  const s: number[] = [];
  for (const q of qs) { const t0 = performance.now(); store.messages.search({ text: q, scopes, viewerId: me.id, limit: 20 }); s.push(performance.now() - t0); }
  s.sort((a, b) => a - b);
  console.log(label, 'p50', s[Math.floor(s.length / 2)]!.toFixed(2), 'p99', s[Math.floor(s.length * 0.99)]!.toFixed(2), 'max', s.at(-1)!.toFixed(2));
};
const randomCase = (w: string) => [...w].map((c) => (rand() < 0.5 ? c.toUpperCase() : c)).join('');
time('latin', Array.from({ length: 200 }, () => randomCase(pick(latin))));
time('chinese4', Array.from({ length: 200 }, () => pick(chinese) + pick(chinese)));
time('chinese2', Array.from({ length: 200 }, () => pick(chinese)));
time('latin1-2', Array.from({ length: 200 }, (_, i) => pick(latin).slice(0, 1 + (i % 2))));
time('rare', Array.from({ length: 50 }, (_, i) => `zzq${i}`));
time('rare2', Array.from({ length: 50 }, (_, i) => `z${i % 10}`));
await store.close();
