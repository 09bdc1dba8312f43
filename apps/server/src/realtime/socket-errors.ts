import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/** Codes of a connection its client dropped or cut. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * @fastify/websocket's `errorHandler`: an error on an open socket ends it, as the plugin's default does. What a
 * client causes — a frame over the size limit (ws has already sent 1009, RFC 6455 §7.4.1), a frame that breaks the
 * protocol (ws's `WS_ERR_*` codes), a connection that drops — is logged at info level with its code and no stack;
 * anything else is a fault of ours, logged at error level.
 */
export function onSocketError(this: FastifyInstance, error: Error, socket: WebSocket, request: FastifyRequest): void {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('WS_ERR_') || CLIENT_GONE.has(code))) {
    request.log.info({ code, reason: error.message }, 'socket ended by its client');
  } else {
    request.log.error({ err: error }, 'socket failed');
  }
  socket.terminate();
}
