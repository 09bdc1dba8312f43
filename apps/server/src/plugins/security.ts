import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import requestGuard from './request-guard.ts';

/**
 * Security headers, with a strict Content-Security-Policy that the built SPA satisfies (it has no inline script
 * or style element); and the origin and content-type checks of state-changing requests (request-guard.ts). The HTTP
 * rate limiter is registered by the `limits` plugin (plugins/limits.ts), on the limits' shared store.
 */
export default fp(
  async function security(app: FastifyInstance, opts: { allowedOrigins: string[] }) {
    await app.register(requestGuard, { allowedOrigins: opts.allowedOrigins });
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          // 'self' covers the same-origin WebSocket (CSP3); nothing else may be reached.
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // HSTS only matters over HTTPS, where a proxy in front usually sets it; harmless otherwise.
      strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
    });
  },
  { name: 'security', dependencies: ['errors'] },
);
