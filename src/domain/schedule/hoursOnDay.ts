/**
 * "What time do you close today?", "are you open on Saturday?", "open on boxing day?": a question
 * about the opening hours of one day, answered from the business's own hours and holidays
 * (business.yaml) rather than from a passage that happens to share a word. A question about the
 * hours in general ("what are your opening hours?") names no day and is left to the knowledge.
 */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import type { Entities } from '../understanding/types.js';
import { isHoliday, localDateOf, nextOpening, openIntervalsOn, type OpenInterval } from './openingHours.js';

export interface HoursOnDay {
  /** The local date asked about (YYYY-MM-DD). */
  date: string;
  /** "today" or "tomorrow" when the day is one of those, for the wording. */
  relative?: 'today' | 'tomorrow';
  /** Opening intervals that day; empty when closed. */
  intervals: OpenInterval[];
  holiday: boolean;
  /** Asked about today after the last closing (or on a closed day): when it opens next. */
  nextOpening?: Date;
}

const ASKS_HOURS = /\b(?:open|opens|opening|close|closes|closing|closed|shut|shuts|hours|trading)\b/i;
const TODAY = /\b(?:today|tonight|now|still|right now|at the moment|this (?:morning|afternoon|arvo|evening))\b/i;
const TOMORROW = /\b(?:tomorrow|tmrw|tmr|tomoz)\b/i;

/** The day a question about opening hours names, with that day's hours; undefined for any other text. */
export function hoursOnDay(business: Business, text: string, when: Entities['when'], now: Date): HoursOnDay | undefined {
  if (!ASKS_HOURS.test(text) || !/\?|^\s*(?:what|when|are|is|do|how|till|until)\b/i.test(text)) return undefined;
  const dated = Boolean(when && !when.asap && when.dateSaid !== false);
  const asksTomorrow = !dated && TOMORROW.test(text);
  // "What are your opening hours?" names no day: nothing to work out in the business's zone.
  if (!dated && !asksTomorrow && !TODAY.test(text)) return undefined;
  const today = localDateOf(business, now);
  const tomorrow = DateTime.fromISO(today, { zone: business.timeZone }).plus({ days: 1 }).toISODate()!;
  const date = dated ? localDateOf(business, new Date(when!.start)) : asksTomorrow ? tomorrow : today;
  if (date < today) return undefined;
  const intervals = openIntervalsOn(business, date);
  const relative = date === today ? 'today' : date === tomorrow ? 'tomorrow' : undefined;
  const answer: HoursOnDay = { date, intervals, holiday: isHoliday(business, date), ...(relative ? { relative } : {}) };
  const last = intervals[intervals.length - 1];
  if (relative === 'today' && (!last || last.end.getTime() <= now.getTime())) {
    const next = nextOpening(business, now);
    if (next) answer.nextOpening = next;
  }
  return answer;
}
