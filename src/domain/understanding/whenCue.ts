/** The cheap test before reading a date or time (readWhen, and chrono's readings in readWhenChrono). */
import { HOLIDAY_CUE } from './holidays.js';
import { CARDINAL_WORDS } from './numberWords.js';

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
      'today|tonight|tonite|tomorrow|tmrw|tmr|tmrow|tomoz|tomorow|tommorow|tommorrow|yesterday',
      '(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs)?|thur|fri|sat(?:ur)?|sun)(?:day)?s?',
      'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?',
      '(?:mid-?)?(?:mornings?|afternoons?|evenings?|nights?|week|day)|arvo|noon|midnight|lunch(?:time)?|breakfast|brunch|dinner|daytime|overnight|eod',
      "days?|weeks?|weekends?|weekdays?|fortnight|months?|years?|hours?|hrs?|minutes?|mins?|o\\s?'?\\s?clock|oclock|half|quarter",
      'asap|a\\.s\\.a\\.p|soon|soonest|poss(?:ible)?|away|immediately|urgent(?:ly)?|available|earliest|whenever|any\\s?time|now|later',
      Object.keys(CARDINAL_WORDS).join('|'),
      'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|[a-z]+teenth|twentieth|thirtieth|last',
    ].join('|')})(?:-?ish)?\\b`,
    HOLIDAY_CUE.source,
  ].join('|'),
  'i',
);

export const mayNameWhen = (text: string): boolean => MAY_NAME_WHEN.test(text);
