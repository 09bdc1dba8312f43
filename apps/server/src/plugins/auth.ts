import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { User } from '@pairchat/schema';
import type { AuthService } from '../auth/auth-service.ts';
import type { SessionRecord } from '../store/port.ts';
import { sendError } from './errors.ts';

export const SESSION_COOKIE = 'pairchat_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /** onRequest/preHandler hook: answers 401 unless the request carries a live session. */
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    setSessionCookie: (reply: FastifyReply, req: FastifyRequest, token: string) => void;
  }
  interface FastifyRequest {
    user: User | null;
    session: SessionRecord | null;
  }
}

/** The token from `Authorization: Bearer …`, else from the session cookie. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return req.cookies[SESSION_COOKIE];
}

/** Signed-in user of a request that passed `requireUser`. */
export function userOf(req: FastifyRequest): User {
  if (!req.user) throw new Error('route used without requireUser');
  return req.user;
}

export default fp(
  async function auth(app: FastifyInstance, opts: { auth: AuthService }) {
    app.decorate('auth', opts.auth);
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);

    app.decorate('requireUser', async (req: FastifyRequest, reply: FastifyReply) => {
      const token = tokenOf(req);
      const found = token ? await opts.auth.authenticate(token) : null;
      if (!found) {
        await sendError(reply, 401, 'unauthorized', 'sign in first');
        return;
      }
      req.user = found.user;
      req.session = found.session;
    });

    app.decorate('setSessionCookie', (reply: FastifyReply, req: FastifyRequest, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: opts.auth.sessionTtlSeconds,
      });
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie', 'errors'] },
);
