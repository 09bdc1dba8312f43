import { ERROR_STATUS, type ErrorCode, type RefusalReason } from '@pairchat/schema';
import { StoreUnavailableError } from './store/port.ts';

/** An error whose code and text may be shown to the client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds until a retry may succeed (sent as Retry-After). */
  readonly retryAfter: number | undefined;
  /** Why a send was refused (`forbidden`): sent as `error.reason` in a REST body and as `reason` in an error frame. */
  readonly reason: RefusalReason | undefined;
  constructor(code: ErrorCode, message: string, retryAfter?: number, reason?: RefusalReason) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
    this.reason = reason;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'not found') => new AppError('not_found', what);
export const badRequest = (what: string) => new AppError('bad_request', what);
/** 403 `forbidden` with the reason a person may not do this (contract: a send to a deleted account, a block). */
export const refused = (reason: RefusalReason, what: string) => new AppError('forbidden', what, undefined, reason);
export const conflict = (what: string) => new AppError('conflict', what);
export const forbidden = (what: string, reason?: RefusalReason) => new AppError('forbidden', what, undefined, reason);
export const unavailable = (what = 'the store is not answering; try again shortly') =>
  new AppError('unavailable', what);

/**
 * What a client may be told about an error, for REST answers and `error` frames alike: a domain error as it is,
 * a store that is not answering as 503 `unavailable`, anything else nothing (it is logged and hidden).
 */
export function publicError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof StoreUnavailableError) return unavailable();
  return null;
}
