/** A refusal the admin tool prints as one line (no stack) before exiting with status 1. */
export class AdminError extends Error {}
