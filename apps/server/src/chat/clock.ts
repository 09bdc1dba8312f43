/**
 * A clock that never gives the same millisecond twice in this process, so "most recent first" has no ties
 * between two sends that land in one millisecond.
 */
export function monotonicClock(source: () => Date = () => new Date()): () => Date {
  let last = 0;
  return () => {
    last = Math.max(source().getTime(), last + 1);
    return new Date(last);
  };
}
