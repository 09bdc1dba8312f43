import type { Socket } from 'node:net';
import type { FastifyError } from 'fastify';

/**
 * Errors found before any route runs, answered in the contract's `{error: {code, message}}` (contract: "Every 4xx/5xx
 * body is …") rather than in Fastify's or Node's own shapes, and without echoing the request back:
 * - Fastify's framework errors (`frameworkErrors`): a URL that is not well-formed percent-encoding
 *   (`FST_ERR_BAD_URL`), a path parameter over the router's length limit;
 * - Node's HTTP parser errors (`clientErrorHandler`): a garbled request line, headers over 16 KiB, a duplicate
 *   Content-Length. The socket is answered 400 and closed, as Node's default handler does with its bare 400.
 */

/** The message for a framework error: a fixed text per kind (never the URL). */
export function frameworkErrorText(err: FastifyError): string {
  return err.code === 'FST_ERR_BAD_URL' ? 'the address is not well-formed' : 'the address is not valid';
}

/** A 400 with the contract's body on a raw socket whose request Node could not parse; then the socket is closed. */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const message = err.code === 'HPE_HEADER_OVERFLOW' ? 'the request headers are too large' : 'malformed request';
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
