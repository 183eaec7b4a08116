/**
 * How long and in what form a worded answer may be on the channel of this turn, from the channel
 * capability table: spoken and SMS replies much shorter than Web Chat, markdown only where shown.
 * Room is kept for the "Source:" line.
 */
import type { AnswerFit } from '../src/domain/knowledge/answerComposer.js';
import type { ChannelFlags } from '../src/domain/turn/turnInput.js';

/** Longest spoken answer: about twenty seconds of speech. */
const SPOKEN_MAX = 300;
/** Longest written answer even where a channel allows more: an answer, not a brochure. */
const WRITTEN_MAX = 600;
const SOURCE_ROOM = 60;

export function answerFit(caps: ChannelFlags): AnswerFit & { typing: boolean } {
  const maxChars = caps.speech ? SPOKEN_MAX : Math.min(WRITTEN_MAX, caps.maxLength - SOURCE_ROOM);
  return { maxChars, markdown: caps.markdown !== 'none' && !caps.speech, typing: caps.typing };
}
