import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface BodyRateOptions {
  /** Seconds a body may take before any rate is asked of it (BODY_TIMEOUT_SECONDS). */
  graceSeconds: number;
  /** Bytes a second a body must come at after that (BODY_MIN_RATE). */
  minBytesPerSecond: number;
}

/** How often a body still coming is checked, in milliseconds. */
const CHECK_EVERY_MS = 1000;

/**
 * A minimum rate for request bodies, Apache's mod_reqtimeout rule (`RequestReadTimeout body=20,MinRate=500`, its
 * default): by `t` seconds after its headers a body must have brought `(t − graceSeconds) × minBytesPerSecond`
 * bytes, else the connection is cut. Node's `server.requestTimeout` bounds a whole request, which a slow phone's
 * 25 MiB upload may rightly need minutes for; a rate bounds the slow drip (OWASP: Slow HTTP attacks) that holds a
 * connection, and an upload's spool file, with a byte now and then, while it lets any honest link through.
 *
 * The bytes are read from the socket's count (`socket.bytesRead`), so the body's stream is not touched (a listener on
 * it would start it flowing before the route's parser is attached). A request without a body is not watched.
 */
async function bodyRate(app: FastifyInstance, opts: BodyRateOptions) {
  app.addHook('onRequest', async (req) => {
    const raw = req.raw;
    const declared = raw.headers['content-length'];
    const hasBody = (declared !== undefined && declared !== '0') || raw.headers['transfer-encoding'] !== undefined;
    if (!hasBody || raw.complete) return;
    const socket = raw.socket;
    const started = Date.now();
    const before = socket.bytesRead;
    const timer = setInterval(() => {
      if (raw.complete || socket.destroyed) return stop();
      const seconds = (Date.now() - started) / 1000;
      const owed = (seconds - opts.graceSeconds) * opts.minBytesPerSecond;
      if (socket.bytesRead - before >= owed) return;
      req.log.warn({ seconds: Math.round(seconds), bytes: socket.bytesRead - before }, 'request body too slow: cut');
      socket.destroy();
      stop();
    }, CHECK_EVERY_MS);
    timer.unref();
    // Listeners on the request, not on its socket, which a keep-alive or pipelining client shares between requests.
    const stop = () => clearInterval(timer);
    raw.once('end', stop);
    raw.once('close', stop);
  });
}

export default fp(bodyRate, { name: 'body-rate' });
