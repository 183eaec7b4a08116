/** The cheap test before reading a date or time (readWhen, and chrono's readings in readWhenChrono). */
import { HOLIDAY_CUE } from './holidays.js';
import { CARDINAL_WORDS } from './numberWords.js';

/** Word lists both tests share. */
const RELATIVE_DAYS = 'today|tonight|tonite|tomorrow|tmrw|tmr|tmrow|tomoz|tomorow|tommorow|tommorrow|yesterday';
const WEEKDAYS = '(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs)?|thur|fri|sat(?:ur)?|sun)(?:day)?s?';
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const CARDINALS = Object.keys(CARDINAL_WORDS).join('|');
const ORDINALS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|[a-z]+teenth|twentieth|thirtieth|last';

/**
 * Words without one of which no reader here finds a date or time: digits, day and month names, parts
 * of the day, units, number and ordinal words, named days, "asap" and its kin. Most messages have none,
 * and skip Recognizers-Text (a few milliseconds a message). test/eval/understanding/precheck.ts checks
 * that nothing it turns away would have been read.
 */
const MAY_NAME_WHEN = new RegExp(
  [
    '\\d',
    `\\b(?:${[
      RELATIVE_DAYS,
      WEEKDAYS,
      MONTHS,
      '(?:mid-?)?(?:mornings?|afternoons?|evenings?|nights?|week|day)|arvo|noon|midnight|lunch(?:time)?|breakfast|brunch|dinner|daytime|overnight|eod',
      "days?|weeks?|weekends?|weekdays?|fortnight|months?|years?|hours?|hrs?|minutes?|mins?|o\\s?'?\\s?clock|oclock|half|quarter",
      'asap|a\\.s\\.a\\.p|soon|soonest|poss(?:ible)?|away|immediately|urgent(?:ly)?|available|earliest|whenever|any\\s?time|now|later',
      CARDINALS,
      ORDINALS,
    ].join('|')})(?:-?ish)?\\b`,
    HOLIDAY_CUE.source,
  ].join('|'),
  'i',
);

export const mayNameWhen = (text: string): boolean => MAY_NAME_WHEN.test(text);

/** Units and the like that name a date or time only with a word that counts or places them. */
const UNITS =
  "(?:days?|weeks?|weekends?|weekdays?|fortnights?|months?|years?|hours?|hrs?|minutes?|mins?|o\\s?'?\\s?clock|oclock|half|quarter)";
const PLACING = '(?:a|an|the|this|next|last|few|couple|several|coming|following|same|each|every|that|of|end|within|in|per|mid-?)';

/**
 * The stricter test before Recognizers-Text (readWhenRecognizer.ts), whose parse costs milliseconds
 * even on a short text: MAY_NAME_WHEN's words, but units ("opening hours", "what days") only with
 * a word that counts or places them ("in a few days", "this weekend", "half an hour") — a number
 * word or digit already passes — and none of "asap", "now", "later" and their kin, which the own
 * rules read and whose readings from the recognizer are never used. test/eval/understanding/precheck.ts
 * checks that nothing it turns away would have been read.
 */
const MAY_RECOGNIZE_WHEN = new RegExp(
  [
    '\\d',
    `\\b(?:${[
      RELATIVE_DAYS,
      WEEKDAYS,
      MONTHS,
      '(?:mid-?)?(?:mornings?|afternoons?|evenings?|nights?)|midweek|midday|arvo|noon|midnight|lunch(?:time)?|breakfast|brunch|dinner|daytime|overnight|eod',
      CARDINALS,
      ORDINALS,
    ].join('|')})(?:-?ish)?\\b`,
    `\\b${PLACING}\\s+(?:[a-z]+\\s+)?${UNITS}\\b`,
    // "is my day open": the recognizer reads a day someone owns as today.
    '\\b(?:my|your|our|their|his|her)\\s+days?\\b',
    HOLIDAY_CUE.source,
  ].join('|'),
  'i',
);

export const mayRecognizeWhen = (text: string): boolean => MAY_RECOGNIZE_WHEN.test(text);
