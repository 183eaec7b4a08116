/** Flags a turn can carry for the middleware. */

/** Set when the rest of the turn must not be recorded (the customer's records were just erased). */
export const SKIP_TRANSCRIPT = Symbol('skipTranscript');
