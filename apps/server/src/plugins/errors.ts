import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, RefusalReason } from '@pairchat/schema';
import { publicError } from '../errors.ts';
import { StoreUnavailableError } from '../store/port.ts';

/**
 * The codes an answer may carry: the schema's, and `unsupported_media_type` (415), which the contract lists but
 * ErrorCodeSchema does not yet.
 */
export type ReplyCode = ErrorCode | 'unsupported_media_type';

const CODE_BY_STATUS: Record<number, ReplyCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Answers with the contract's error body `{error: {code, message}}`, and `reason` when a refusal has one. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: ReplyCode,
  message: string,
  reason?: RefusalReason,
): FastifyReply {
  const body: { error: { code: ReplyCode; message: string; reason?: RefusalReason } } = {
    error: { code, message, ...(reason !== undefined && { reason }) },
  };
  return reply.code(status).type('application/json').send(body);
}

/**
 * Every error leaves as the contract's `{error: {code, message}}`. Validation and parse errors are 400, known
 * domain errors carry their own code, and anything unexpected is logged and answered without its details.
 */
export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        const first = err.validation[0];
        const where = first?.instancePath ? ` at ${first.instancePath}` : '';
        return sendError(
          reply,
          400,
          'bad_request',
          `invalid ${err.validationContext ?? 'input'}${where}: ${first?.message ?? 'bad value'}`,
        );
      }
      const known = publicError(err);
      if (known) {
        if (err instanceof StoreUnavailableError) req.log.warn({ err }, 'store unavailable');
        if (known.retryAfter !== undefined) reply.header('retry-after', String(known.retryAfter));
        return sendError(reply, known.status, known.code, known.message, known.reason);
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own client errors (bad JSON, body too large, wrong content type): keep its text, not its stack.
        return sendError(reply, status, CODE_BY_STATUS[status] ?? 'bad_request', err.message);
      }
      req.log.error({ err }, 'unhandled error');
      return sendError(reply, 500, 'unavailable', 'internal error');
    });
  },
  { name: 'errors' },
);
