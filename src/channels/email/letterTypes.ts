/** Shapes shared by the letter middleware and the letter reply it loads on demand. */
import type { Activity } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { TurnRunner } from './letterTurns.js';

/** What the channel data of an Azure e-mail activity holds (both directions). */
export interface EmailChannelData {
  subject?: string;
  htmlBody?: string;
  importance?: string;
}

export type LetterSink = (reply: Partial<Activity>) => void;

export interface LetterMiddlewareOptions {
  bot: TurnRunner;
  logger: Logger;
  /** The name letters are signed with. */
  signature: string;
  /** Replies of letters the bot's own inbox took, by activity id. */
  sinks: ReadonlyMap<string, LetterSink>;
}
