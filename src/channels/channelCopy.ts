/**
 * What the channel layer itself says (as opposed to the dialogs): reprompts on the phone when nothing
 * was heard. Plain sentences, rendered like every other reply.
 */
export const channelCopy = {
  /** First silence or unrecognised speech on a call. */
  reprompt: (): string => `Sorry, I didn't catch that. Could you say it again?`,
  /** Second in a row: offer a person. */
  offerPerson: (): string =>
    `Sorry, I still couldn't hear you. Would you like to speak with a person from our team? Say yes, or press 1.`,
  /** What an accepted offer is passed to the dialogs as: the words for the "human" intent. */
  personRequested: (): string => `I want to talk to a person`,
};
