/**
 * Everything the bot says, in one place, so tone and language change without touching logic.
 * Texts are plain sentences; channel rendering (speech, SMS, markdown) happens later, in src/channels.
 */
import type { Business } from '../src/domain/business.js';

export const copy = {
  greeting: (b: Business): string =>
    `Hi, welcome to ${b.name}! I can answer your questions, help you choose if you'd like, or arrange a callback.`,
  help: (b: Business): string =>
    `I can answer questions about ${b.name} from what the team has written down, help you choose when you ask me to, ` +
    `book a callback from a person, or take an order request. You can say "start over" or "cancel" at any time.`,
  thanks: (): string => `You're welcome!`,
  goodbye: (): string => `Thanks for dropping by. Bye for now!`,
  empty: (): string => `I didn't get any text there. What would you like to know?`,
  tooLong: (max: number): string =>
    `That's a lot to take in at once (over ${max} characters). Could you ask me in a sentence or two?`,
  unsupported: (): string => `I can only read text messages here. What would you like to know?`,
  answer: (text: string, source: string): string => `${text}\n\nSource: ${source}`,
  unknown: (): string =>
    `I'm sorry, I don't know that: it isn't in the information I have. Would you like someone from our team to call you back about it?`,
  browsing: (): string => `Of course, take your time. I'm here if you have a question.`,
  turnError: (): string => `Sorry, something went wrong on my side. Could you say that again?`,
  callbackOfferDeclined: (): string => `No problem. Is there anything else you'd like to know?`,
};
