import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuthAnswerSchema, AuthBodySchema, LoginBodySchema, MeAnswerSchema } from '@pairchat/schema';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { SESSION_COOKIE, userOf } from '../../plugins/auth.ts';
import { LoginLimits, type LoginLimitOptions } from './login-limits.ts';

const MINUTE = 60_000;
/** Marks a browser that has signed in (OWASP's device cookie); it carries no authority, only trust for limits. */
const DEVICE_COOKIE = 'pairchat_device';
const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

export interface AuthRoutesOptions extends LoginLimitOptions {
  perAddress: number;
  /** REGISTRATION: `closed` refuses `POST /api/auth/register` with 403 (accounts come from the admin tool). */
  registration: 'open' | 'closed';
}

/** The `User-Agent` a sign-in came with, kept with its session for the list of my sessions. */
const userAgentOf = (req: FastifyRequest) => req.headers['user-agent'];

const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  // Per address, every attempt on the route (@fastify/rate-limit on the limits' store); then LoginLimits (per name
  // and client, and the per-name budget of untrusted clients). The latter run after the body is parsed, so the name
  // is known; malformed bodies are refused before they count. With REDIS_URL all of them hold across processes.
  const loginLimits = new LoginLimits(app.limits, opts);
  const limits = (route: 'login' | 'register') => [
    app.rateLimit({ max: opts.perAddress, timeWindow: MINUTE, keyGenerator: (req) => `${route}:ip:${req.ip}` }),
    async (req: FastifyRequest) => {
      const { name } = req.body as { name: string };
      await loginLimits.take(route, name, { address: req.ip, device: req.cookies[DEVICE_COOKIE] });
    },
  ];
  /** After a successful sign-in: trust this client for the name, and give it a device cookie if it has none. */
  const signedIn = async (req: FastifyRequest, reply: FastifyReply, name: string) => {
    let device = req.cookies[DEVICE_COOKIE];
    if (device === undefined || !/^[\w-]{43}$/.test(device)) {
      device = randomBytes(32).toString('base64url');
      reply.setCookie(DEVICE_COOKIE, device, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      });
    }
    await loginLimits.succeeded(name, { address: req.ip, device });
  };

  app.post(
    '/api/auth/register',
    {
      // Closed registration is refused before the body is read or any limit counts it.
      onRequest: async () => {
        if (opts.registration === 'closed') throw new AppError('forbidden', 'registration is closed on this server');
      },
      schema: { body: AuthBodySchema, response: { 201: AuthAnswerSchema } },
      preHandler: limits('register'),
    },
    async (req, reply) => {
      const answer = await app.auth.register(req.body.name, req.body.password, userAgentOf(req));
      app.setSessionCookie(reply, req, answer.token);
      await signedIn(req, reply, req.body.name);
      return reply.code(201).send(answer);
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBodySchema, response: { 200: AuthAnswerSchema } }, preHandler: limits('login') },
    async (req, reply) => {
      const answer = await app.auth.login(req.body.name, req.body.password, userAgentOf(req));
      app.setSessionCookie(reply, req, answer.token);
      await signedIn(req, reply, req.body.name);
      return answer;
    },
  );

  app.post('/api/auth/logout', { onRequest: app.requireUser }, async (req, reply) => {
    const session = req.session!;
    await app.auth.endSession(session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', { onRequest: app.requireUser, schema: { response: { 200: MeAnswerSchema } } }, async (req) => ({
    user: userOf(req),
  }));
};

export default authRoutes;
