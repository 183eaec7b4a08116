/** Limits on what one message may carry before the bot asks for something shorter. */
export const MAX_TEXT_LENGTH = 2_000;
