import { z } from 'zod';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export const ErrorCodeSchema = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * Why a send was refused with `forbidden`: `blocked`, the recipient blocked the sender (WeChat's bubble: 消息已发出,
 * 但被对方拒收了, "rejected by the recipient"); `not_contact`, with `MESSAGING=contacts` the two are not contacts;
 * `deleted`, the recipient's account was deleted.
 */
export const RefusalReasonSchema = z.enum(['blocked', 'not_contact', 'deleted']);
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: ErrorCodeSchema, message: z.string(), reason: RefusalReasonSchema.optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
