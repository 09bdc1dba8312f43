import { MongoServerError } from 'mongodb';

const DUPLICATE_KEY = 11000;

/** A unique index refused the write. */
export const isDuplicate = (err: unknown): err is MongoServerError =>
  err instanceof MongoServerError && err.code === DUPLICATE_KEY;

/** Which unique index a duplicate-key error came from. */
export const duplicateOn = (err: MongoServerError, field: string) =>
  JSON.stringify(err.keyPattern ?? err.message).includes(field);

/** Driver errors that mean "the server is not reachable now": the request may succeed later. */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|PoolClearedError/.test(
    err.name,
  );
}
