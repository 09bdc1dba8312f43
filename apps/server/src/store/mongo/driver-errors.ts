import { MongoServerError } from 'mongodb';

const DUPLICATE_KEY = 11000;

/** A unique index refused the write. */
export const isDuplicate = (err: unknown): err is MongoServerError =>
  err instanceof MongoServerError && err.code === DUPLICATE_KEY;

/** Which unique index a duplicate-key error came from. */
export const duplicateOn = (err: MongoServerError, field: string) =>
  JSON.stringify(err.keyPattern ?? err.message).includes(field);

/** Socket errors (node:net) that mean the connection to the server is gone. */
const SOCKET_GONE = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ERR_STREAM_WRITE_AFTER_END']);

/** Driver errors that mean "the server is not reachable now": the request may succeed later. */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // A stream (GridFS) can surface the socket's own error rather than the driver's network error.
  if (SOCKET_GONE.has((err as NodeJS.ErrnoException).code ?? '')) return true;
  return /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|PoolClearedError/.test(
    err.name,
  );
}
