import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { ClientFrame, type User } from '@pairchat/schema';
import { publicError } from '../errors.ts';
import { sendError } from '../plugins/errors.ts';
import { originAllowed } from '../plugins/request-guard.ts';
import type { Connection } from './registry.ts';
import { limitBuffer, sendFrame } from './send.ts';

const PING_INTERVAL_MS = 30_000;

export async function wsRoutes(
  app: FastifyInstance,
  opts: { allowedOrigins: string[]; maxSocketsPerPerson: number; bufferLimitBytes: number },
) {
  const checkOrigin = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!originAllowed(req.headers.origin, req.headers.host, opts.allowedOrigins)) {
      await sendError(reply, 403, 'forbidden', 'origin not allowed');
    }
  };

  const capSockets = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.user && app.registry.socketsOf(req.user.id).length >= opts.maxSocketsPerPerson) {
      await sendError(reply, 429, 'rate_limited', `at most ${opts.maxSocketsPerPerson} open sockets per person`);
    }
  };

  app.get('/ws', { websocket: true, onRequest: [checkOrigin, app.requireUser, capSockets] }, (socket, req) => {
    const user = req.user!;
    limitBuffer(socket, opts.bufferLimitBytes);
    const conn: Connection = {
      id: randomUUID(),
      userId: user.id,
      sessionId: req.session!.id,
      socket,
      turn: Promise.resolve(),
      unanswered: new Set(),
    };
    let alive = true;

    // Attached before anything is awaited, so no frame is missed. Each frame starts when the one before it has
    // taken its place (a send: handed to the store, see handleFrame).
    socket.on('message', (data, isBinary) => {
      conn.turn = conn.turn.then(() => handleFrame(app, conn, user, data, isBinary));
    });
    socket.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    ping.unref();

    const logFailure = (err: unknown) => {
      req.log.warn({ err }, 'presence update failed');
    };
    const first = app.registry.add(conn);
    // Joining: subscribe to the person's events and record their presence, both before `ready`, so the client's
    // catch-up (which starts on `ready`) covers anything sent before, and a second socket opened after `ready`
    // already finds this one counted.
    const joined = (async () => {
      if (first) await app.bus.watch(user.id);
      const cameOnline = await app.presence.connected(user.id);
      sendFrame(socket, { type: 'ready', user });
      if (cameOnline) await app.chat.presenceChanged(user.id, true);
    })().catch(logFailure);

    socket.on('close', () => {
      clearInterval(ping);
      if (app.registry.remove(conn)) app.bus.unwatch(user.id);
      // After the join, whenever the socket closed: the presence count never goes below what was added.
      void joined
        .then(() => app.presence.disconnected(user.id))
        .then((wentOffline) => (wentOffline ? app.chat.presenceChanged(user.id, false) : undefined))
        .catch(logFailure);
    });
  });
}

async function handleFrame(
  app: FastifyInstance,
  conn: Connection,
  user: User,
  data: WebSocket.RawData,
  isBinary: boolean,
): Promise<void> {
  const { socket } = conn;
  if (isBinary) {
    sendFrame(socket, { type: 'error', code: 'bad_request', message: 'frames are JSON text' });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(frameText(data));
  } catch {
    sendFrame(socket, { type: 'error', code: 'bad_request', message: 'a frame is one JSON object' });
    return;
  }
  const parsed = ClientFrame.safeParse(json);
  if (!parsed.success) {
    const clientId =
      typeof json === 'object' && json !== null && typeof (json as { clientId?: unknown }).clientId === 'string'
        ? (json as { clientId: string }).clientId.slice(0, 64)
        : undefined;
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    sendFrame(socket, {
      type: 'error',
      code: 'bad_request',
      message: `invalid frame${where}: ${issue?.message ?? 'bad value'}`,
      ...(clientId !== undefined && { clientId }),
    });
    return;
  }
  const frame = parsed.data;
  if (frame.type === 'send') {
    // The turn of this tab ends when the send is checked and handed to the store (which keeps a pair's appends in
    // call order): the next frame may start while this one waits for its commit, so a tab's sends are stored, and
    // acked, in the order it sent them, and consecutive sends still share one commit.
    const command = { ...frame, origin: conn.id };
    let checked;
    try {
      checked = await app.chat.check(user, command);
    } catch (err) {
      sendErrorFrame(app, socket, err, frame.clientId);
      return;
    }
    const answered = checked
      .store()
      .then(
        ({ message }) => sendFrame(socket, { type: 'ack', clientId: frame.clientId, message }),
        (err: unknown) => sendErrorFrame(app, socket, err, frame.clientId),
      )
      .finally(() => conn.unanswered.delete(answered));
    conn.unanswered.add(answered);
    return;
  }
  try {
    if (frame.type === 'read') await app.chat.read(user, frame.chatId, frame.seq);
    else await app.chat.typing(user, frame.to);
  } catch (err) {
    sendErrorFrame(app, socket, err);
  }
}

/** ws hands over one Buffer per frame by default, or its fragments. */
function frameText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function sendErrorFrame(app: FastifyInstance, socket: WebSocket, err: unknown, clientId?: string): void {
  const known = publicError(err);
  if (!known) app.log.error({ err }, 'frame handling failed');
  sendFrame(socket, {
    type: 'error',
    code: known?.code ?? 'unavailable',
    message: known?.message ?? 'internal error',
    ...(clientId !== undefined && { clientId }),
  });
}
