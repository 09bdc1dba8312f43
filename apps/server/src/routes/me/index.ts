import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeleteMeBodySchema,
  IdParamsSchema,
  MeAnswerSchema,
  PasswordBodySchema,
  PatchMeBodySchema,
  SessionsAnswerSchema,
} from '@pairchat/schema';
import { AccountService } from '../../account/account-service.ts';
import { takeOrThrow } from '../../limits/make-limiter.ts';
import { SESSION_COOKIE, userOf } from '../../plugins/auth.ts';

/** `DELETE /api/me/sessions?others=true`: "sign out all other sessions" (the flag must be given, and true). */
const OthersQuerySchema = z.strictObject({ others: z.literal('true') });

export interface MeRoutesOptions {
  /**
   * Password checks (a password change, an account deletion) per person per minute: a stolen session cannot guess
   * the password here faster than at sign-in (OWASP Authentication Cheat Sheet: throttle every password check).
   */
  passwordChecksPerMinute: number;
  /** Contacts and blocks of a deleted account (see `AccountService`); the contacts branch wires its `forgetUser`. */
  forgetRelations?: (userId: string) => Promise<void>;
}

/**
 * My own account (contract: `PATCH /api/me`, `POST /api/me/password`, `GET|DELETE /api/me/sessions…`,
 * `DELETE /api/me`). Needs `auth`, `chat` (its user cache), `media` and `bus`.
 */
const meRoutes: FastifyPluginAsyncZod<MeRoutesOptions> = async (app, opts) => {
  const account = new AccountService({
    store: app.store,
    auth: app.auth,
    bus: app.bus,
    media: app.media,
    inUse: (mediaId) => app.mediaAccess.inUse(mediaId),
    userCache: app.chat.users,
    ...(opts.forgetRelations && { forgetRelations: opts.forgetRelations }),
  });
  const signedIn = { onRequest: app.requireUser };
  const passwordChecks = app.limits.makeLimiter({
    points: opts.passwordChecksPerMinute,
    duration: 60,
    keyPrefix: 'me:password',
  });
  const checkingPassword = (userId: string) => takeOrThrow(passwordChecks, userId, 'too many password attempts');

  app.patch(
    '/api/me',
    { ...signedIn, schema: { body: PatchMeBodySchema, response: { 200: MeAnswerSchema } } },
    async (req) => ({ user: await account.updateProfile(userOf(req), req.body) }),
  );

  app.post('/api/me/password', { ...signedIn, schema: { body: PasswordBodySchema } }, async (req, reply) => {
    await checkingPassword(userOf(req).id);
    await account.changePassword(userOf(req), req.session!, req.body.current, req.body.next);
    return reply.code(204).send();
  });

  app.get('/api/me/sessions', { ...signedIn, schema: { response: { 200: SessionsAnswerSchema } } }, async (req) => ({
    sessions: await account.sessions(userOf(req), req.session!),
  }));

  app.delete('/api/me/sessions', { ...signedIn, schema: { querystring: OthersQuerySchema } }, async (req, reply) => {
    await account.endOtherSessions(userOf(req), req.session!);
    return reply.code(204).send();
  });

  app.delete('/api/me/sessions/:id', { ...signedIn, schema: { params: IdParamsSchema } }, async (req, reply) => {
    await account.endSession(userOf(req), req.params.id);
    if (req.params.id === req.session!.id) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.delete('/api/me', { ...signedIn, schema: { body: DeleteMeBodySchema } }, async (req, reply) => {
    await checkingPassword(userOf(req).id);
    await account.deleteAccount(userOf(req), req.body.password);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
};

export default meRoutes;
