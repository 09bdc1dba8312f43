/**
 * The abuse limits of apps/server/src/config.ts lifted, as environment variables: tests, e2e specs and the bench
 * sign up many people from one address and send far faster than a person, which is not what those limits are
 * about. A test that is about a limit sets it again on top of these.
 */
export const LIFTED_LIMITS: Readonly<Record<string, string>> = {
  AUTH_RATE_PER_ADDRESS: '1000000',
  AUTH_RATE_PER_NAME: '1000000',
  AUTH_NAME_BUDGET_PER_HOUR: '1000000',
  SEND_BURST: '1000000',
  SEND_RATE_PER_SECOND: '1000000',
  TYPING_FRAMES_PER_WINDOW: '1000000',
  READ_FRAMES_PER_WINDOW: '1000000',
  OTHER_FRAMES_PER_WINDOW: '1000000',
};

/** scrypt at its cheapest accepted cost (N = 2^10): hashing is not what tests measure, so sign-up stays fast. */
export const CHEAP_HASHING: Readonly<Record<string, string>> = { SCRYPT_LOG_N: '10' };
