/** Reads small numbers written as words or digits ("three", "twenty", "12", "a dozen"). */
import { lookupTable } from '../lookupTable.js';

/** Cardinal numbers as words, one to a hundred: the one table every reader derives its own from. */
export const CARDINAL_WORDS = lookupTable<number>({
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
});

const WORDS = lookupTable<number>({ ...CARDINAL_WORDS, dozen: 12, couple: 2 });

/** Regex source for one number: digits, a number word, or "a/half a/two dozen". */
export const NUMBER_SOURCE =
  '(?:(?:half\\s+(?:a\\s+)?dozen)|(?:(?:a|an|one|two|three|four|five|\\d{1,3})\\s+dozen)|' +
  '(?:a\\s+couple(?:\\s+of)?)|\\d{1,4}|' +
  Object.keys(WORDS)
    .filter((w) => w !== 'couple')
    .join('|') +
  ')';

/**
 * Whether NUMBER_SOURCE could match anywhere in the text, or a digit is there: every match of it
 * holds a digit or one of its words, so a text with neither (as a substring, case aside) has no
 * number to read. A cheap test before work only a number would need.
 */
const MAY_HOLD_NUMBER = new RegExp(`\\d|${Object.keys(WORDS).join('|')}`, 'i');
export const mayHoldNumber = (text: string): boolean => MAY_HOLD_NUMBER.test(text);

/** The value of a string matched by NUMBER_SOURCE, or undefined. */
export function numberValue(raw: string): number | undefined {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^half (a )?dozen$/.test(s)) return 6;
  if (/^a couple/.test(s)) return 2;
  const dozen = /^(\S+) dozen$/.exec(s);
  if (dozen) {
    const n = dozen[1] === 'a' || dozen[1] === 'an' ? 1 : numberValue(dozen[1]!);
    return n === undefined ? undefined : n * 12;
  }
  if (/^\d+$/.test(s)) return Number(s);
  return WORDS[s];
}
