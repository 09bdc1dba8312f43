import { ERROR_STATUS, type ErrorCode } from '@pairchat/schema';

/** An error whose code and text may be shown to the client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds until a retry may succeed (sent as Retry-After). */
  readonly retryAfter: number | undefined;
  constructor(code: ErrorCode, message: string, retryAfter?: number) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'not found') => new AppError('not_found', what);
export const badRequest = (what: string) => new AppError('bad_request', what);
export const conflict = (what: string) => new AppError('conflict', what);
export const unauthorized = (what = 'sign in first') => new AppError('unauthorized', what);
export const unavailable = (what = 'the store is not answering; try again shortly') =>
  new AppError('unavailable', what);
