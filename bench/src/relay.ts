// The ceiling: a bare WebSocket relay with no auth, no validation and no storage. Each socket joins a pair with
// ?pair=<n>; every frame from one socket of a pair is forwarded as it is to the other socket(s) of that pair.
import { WebSocketServer, type WebSocket } from 'ws';

const port = Number(process.argv[2] ?? 0);
const pairs = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
wss.on('connection', (socket, req) => {
  const pair = new URL(req.url ?? '/', 'http://x').searchParams.get('pair') ?? '';
  let members = pairs.get(pair);
  if (!members) pairs.set(pair, (members = new Set()));
  members.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of members) if (other !== socket) other.send(data, { binary: isBinary });
  });
  socket.on('close', () => members.delete(socket));
});
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`RELAY_PORT=${typeof address === 'object' && address ? address.port : port}\n`);
});
