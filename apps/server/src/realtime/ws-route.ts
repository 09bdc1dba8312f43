import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebSocket } from 'ws';
import { ClientFrame, type User } from '@pairchat/schema';
import { publicError } from '../errors.ts';
import { FrameLimits } from '../limits/frame-limits.ts';
import { sendError } from '../plugins/errors.ts';
import { originAllowed } from '../plugins/request-guard.ts';
import type { Connection } from './registry.ts';
import { limitBuffer, sendFrame } from './send.ts';
import { SessionGuard } from './session-guard.ts';

const PING_INTERVAL_MS = 30_000;
/**
 * While more than this many frames of one socket wait behind the one being handled, every this many frames the next
 * waits for a turn of the event loop (setImmediate). A frame's turn ends as soon as it is queued in the store, so a
 * burst would otherwise be handled in one run of microtasks, holding timers, the group commit, other sockets and
 * signals until it was through (a SIGTERM behind 26,000 queued frames was seen 2 s late). A client with a few frames
 * in flight never waits.
 */
const FRAMES_PER_TURN = 64;

export interface WsRouteOptions {
  allowedOrigins: string[];
  maxSocketsPerPerson: number;
  bufferLimitBytes: number;
  /** Per-person budgets of frames (`limits/frame-limits.ts`). */
  frameLimits: FrameLimits;
  /** How often the session of every open socket is looked up again (`session-guard.ts`), in ms. */
  sessionCheckMs: number;
}

export async function wsRoutes(app: FastifyInstance, opts: WsRouteOptions) {
  const guard = new SessionGuard(app.store.sessions, () => app.registry.all(), opts.sessionCheckMs, app.log);
  app.addHook('onClose', () => guard.close());

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

  // A plain GET (no upgrade) gets the contract's error body, not the plugin's empty 404.
  const notUpgraded = (_req: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, 400, 'bad_request', 'GET /ws opens a WebSocket: send Upgrade: websocket');

  app.route({
    method: 'GET',
    url: '/ws',
    onRequest: [checkOrigin, app.requireUser, capSockets],
    handler: notUpgraded,
    wsHandler: (socket, req) => {
      const user = req.user!;
      limitBuffer(socket, opts.bufferLimitBytes);
      const conn: Connection = {
        id: randomUUID(),
        userId: user.id,
        session: req.session!,
        socket,
        turn: Promise.resolve(),
        unanswered: new Set(),
        lastAnswer: Promise.resolve(),
      };
      let alive = true;

      // Attached before anything is awaited, so no frame is missed. Each frame starts when the one before it has
      // taken its place (a send: handed to the store, see handleFrame); the first waits for the join below.
      let waiting = 0;
      let handled = 0;
      socket.on('message', (data, isBinary) => {
        waiting++;
        conn.turn = conn.turn.then(async () => {
          waiting--;
          if (waiting >= FRAMES_PER_TURN && ++handled % FRAMES_PER_TURN === 0) {
            await new Promise((resolve) => setImmediate(resolve));
          }
          return handleFrame(app, opts.frameLimits, conn, user, data, isBinary);
        });
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
      // Joining: subscribe to the person's events, look the session up again (a logout since the check before the
      // upgrade found no socket here to close: see SessionGuard), and record their presence, all before `ready`, so
      // the client's catch-up (which starts on `ready`) covers anything sent before, and a second socket opened after
      // `ready` already finds this one counted. `counted`: presence counted this socket, so its close uncounts it.
      let counted = false;
      const joined = (async () => {
        if (first) await app.bus.watch(user.id);
        if (!(await guard.admit(conn))) return;
        counted = true;
        const cameOnline = await app.presence.connected(user.id);
        sendFrame(socket, { type: 'ready', user });
        if (cameOnline) app.presenceAnnouncer.changed(user.id);
      })().catch(logFailure);
      conn.turn = joined;

      socket.on('close', () => {
        clearInterval(ping);
        guard.release(conn);
        if (app.registry.remove(conn)) app.bus.unwatch(user.id);
        // After the join, whenever the socket closed: the presence count never goes below what was added.
        void joined
          .then(() => (counted ? app.presence.disconnected(user.id) : false))
          .then((wentOffline) => {
            if (wentOffline) app.presenceAnnouncer.changed(user.id);
          })
          .catch(logFailure);
      });
    },
  });
}

async function handleFrame(
  app: FastifyInstance,
  limits: FrameLimits,
  conn: Connection,
  user: User,
  data: WebSocket.RawData,
  isBinary: boolean,
): Promise<void> {
  const { socket } = conn;
  // A socket being closed (its session ended, or the server is shutting down) acts on nothing more.
  if (socket.readyState !== WebSocket.OPEN || conn.draining === true) return;
  let json: unknown;
  try {
    json = isBinary ? undefined : JSON.parse(frameText(data));
  } catch {
    json = undefined;
  }
  const parsed = ClientFrame.safeParse(json);
  const clientId =
    typeof json === 'object' && json !== null && typeof (json as { clientId?: unknown }).clientId === 'string'
      ? (json as { clientId: string }).clientId.slice(0, 64)
      : undefined;
  // Every frame but a send (counted by the send limit, which REST sends share) against its budget, invalid ones too.
  if (!parsed.success || parsed.data.type !== 'send') {
    const budget = FrameLimits.budgetOf(parsed.data?.type);
    const wait = await limits.take(user.id, budget);
    if (wait > 0) {
      const message = `too many ${budget === 'other' ? '' : `${budget} `}frames; try again in ${wait} s`;
      sendFrame(socket, { type: 'error', code: 'rate_limited', message, ...(clientId !== undefined && { clientId }) });
      return;
    }
  }
  if (isBinary) {
    sendFrame(socket, { type: 'error', code: 'bad_request', message: 'frames are JSON text' });
    return;
  }
  if (json === undefined) {
    sendFrame(socket, { type: 'error', code: 'bad_request', message: 'a frame is one JSON object' });
    return;
  }
  if (!parsed.success) {
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
    let outcome: Promise<() => void>;
    try {
      // A reply may quote a send of this tab that is still waiting for its commit: the quote is looked up once
      // the tab's earlier sends are stored (only then, so other sends keep sharing commits).
      if (frame.replyTo !== undefined && conn.unanswered.size > 0) await Promise.allSettled([...conn.unanswered]);
      const checked = await app.chat.check(user, command);
      outcome = checked.store().then(
        ({ message }) =>
          () =>
            sendFrame(socket, { type: 'ack', clientId: frame.clientId, message }),
        (err: unknown) => () => sendErrorFrame(app, socket, err, frame.clientId),
      );
    } catch (err) {
      outcome = Promise.resolve(() => sendErrorFrame(app, socket, err, frame.clientId));
    }
    answerInOrder(conn, outcome);
    return;
  }
  try {
    if (frame.type === 'read') await app.chat.read(user, frame.chatId, frame.seq);
    else await app.chat.typing(user, frame.to);
  } catch (err) {
    sendErrorFrame(app, socket, err);
  }
}

/**
 * Sends a send's answer (an ack, or an error frame) after the answers of this socket's earlier sends, so a tab gets
 * them in the order it sent its frames, even when a later send is refused at once while an earlier one waits for its
 * commit. The answer counts as unanswered (shutdown waits for it) until it is sent.
 */
function answerInOrder(conn: Connection, outcome: Promise<() => void>): void {
  const earlier = conn.lastAnswer;
  const answered = Promise.all([outcome, earlier])
    .then(([send]) => send())
    // Neither promise rejects and sending to a closed socket is a no-op; this keeps the chain going regardless.
    .catch(() => undefined)
    .finally(() => conn.unanswered.delete(answered));
  conn.unanswered.add(answered);
  conn.lastAnswer = answered;
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
    ...(known?.reason !== undefined && { reason: known.reason }),
  });
}
