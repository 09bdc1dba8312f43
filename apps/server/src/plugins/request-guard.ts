import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Media types (lower-case, without parameters) this route accepts as a body. When unset: JSON if the route has a
     * body schema, else none. A route that takes uploads opts in with `config: { bodyTypes: ['multipart/form-data'] }`.
     */
    bodyTypes?: readonly string[];
  }
}

const JSON_ONLY = ['application/json'] as const;
const NO_BODY: readonly string[] = [];
/** Methods that change nothing (RFC 9110 §9.2.1), so a cross-origin one is harmless. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `Origin` is sent by browsers; a page on another site must not ride a person's cookie into a socket or a change.
 * Allowed: an absent Origin (not a browser, or a same-origin GET), the configured origins, or by default only the
 * origin the request was addressed to. An opaque `Origin: null` is refused.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.length > 0) return allowed.includes(origin);
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The media type of a Content-Type value without its parameters, lower-cased (RFC 9110 §8.3.1). */
function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** True when the request announces a body (RFC 9112 §6.3: a Transfer-Encoding, or a Content-Length above 0). */
function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Cross-site request forgery defence for every state-changing route (OWASP's CSRF Prevention Cheat Sheet: verify
 * the origin with standard headers, and refuse the "simple" content types a form can send without a preflight).
 * Before any body is read or session looked up:
 * - a POST/PUT/PATCH/DELETE whose `Origin` is present and not allowed is refused with 403 `forbidden`;
 * - a body whose type is not one the route accepts is refused with 415 `unsupported_media_type`: JSON where the route
 *   has a body schema, nothing where it has none, unless its `bodyTypes` says otherwise. A request without a body
 *   passes here (a route that expects one answers 400); so does one to no route (404).
 * The WebSocket upgrade (a GET) applies `originAllowed` itself.
 */
export default fp(
  async function requestGuard(app: FastifyInstance, opts: { allowedOrigins: string[] }) {
    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      if (SAFE_METHODS.has(req.method)) return;
      if (!originAllowed(req.headers.origin, req.headers.host, opts.allowedOrigins)) {
        await sendError(reply, 403, 'forbidden', 'origin not allowed');
        return;
      }
      if (!hasBody(req) || req.is404) return;
      const { config, schema } = req.routeOptions;
      const accepted = config.bodyTypes ?? (schema?.body ? JSON_ONLY : NO_BODY);
      if (!accepted.includes(mediaTypeOf(req.headers['content-type']))) {
        const expected =
          accepted.length > 0 ? `a body here must be ${accepted.join(' or ')}` : 'this call takes no body';
        await sendError(reply, 415, 'unsupported_media_type', expected);
      }
    });
  },
  { name: 'request-guard', dependencies: ['errors'] },
);
