/** Thrown by adapters for a unique-key clash; the caller decides what it means. */
export class DuplicateError extends Error {}

/** Thrown when the database cannot be reached or used right now: REST answers 503, frames `unavailable`. */
export class StoreUnavailableError extends Error {}

/** An adapter's judgement of a driver error: true when it means "the database is not answering now". */
export type UnavailableTest = (err: unknown) => boolean;

/**
 * The one mechanism that maps an unreachable database to `StoreUnavailableError`, for both adapters: the store and
 * every table object on it are wrapped, so each of their methods, including any added later, rejects (or throws)
 * `StoreUnavailableError` when `isUnavailable` says so. Other errors pass through unchanged.
 */
export function guardUnavailable<T extends object>(target: T, isUnavailable: UnavailableTest): T {
  const map = (err: unknown): unknown =>
    !(err instanceof StoreUnavailableError) && isUnavailable(err)
      ? new StoreUnavailableError(err instanceof Error ? err.message : String(err))
      : err;
  const wrapped = new WeakMap<object, object>();
  const wrap = <O extends object>(obj: O): O => {
    const known = wrapped.get(obj);
    if (known) return known as O;
    const proxy = new Proxy(obj, {
      get(t, key, receiver) {
        const value: unknown = Reflect.get(t, key, receiver);
        if (typeof value === 'function') {
          return (...args: unknown[]): unknown => {
            let result: unknown;
            try {
              result = (value as (...a: unknown[]) => unknown).apply(t, args);
            } catch (err) {
              throw map(err);
            }
            return result instanceof Promise
              ? result.catch((err: unknown) => {
                  throw map(err);
                })
              : result;
          };
        }
        return typeof value === 'object' && value !== null ? wrap(value) : value;
      },
    });
    wrapped.set(obj, proxy);
    return proxy;
  };
  return wrap(target);
}
