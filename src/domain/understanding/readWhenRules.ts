/**
 * The own rules of readWhen: rewrites that put customer wording into a form Recognizers-Text reads
 * ("arvo" → afternoon, "tmrw" → tomorrow, "2.30pm" → 2:30pm, "half two" → half past two, D/M dates),
 * and phrases it does not know, read here directly: a day of the month alone ("the 10th"), "saturday
 * week", "tomorrow week", "after lunch", "first thing", "after 3", "before noon", a bare hour after a
 * day ("saturday 9") or alone ("11ish").
 */
import { DateTime } from 'luxon';
import { lookupTable } from '../lookupTable.js';
import { findHoliday, nthWeekday } from './holidays.js';
import { CARDINAL_WORDS } from './numberWords.js';
import { hhmm } from './whenParts.js';

export interface ClockTime {
  h: number;
  m: number;
  meridiem?: 'am' | 'pm';
}

export interface Prepared {
  original: string;
  /** The text for the recognizer, with what the rules read taken out. */
  text: string;
  /** A date the rules read. */
  date?: string;
  yearSaid: boolean;
  /** An hour without am/pm (1–12) the rules read; readWhen takes the reading inside opening hours. */
  bareHour?: number;
  bareMinute?: number;
  /** "between 2 and 4:30pm": both ends, each with its am/pm if said. */
  range?: { from: ClockTime; to: ClockTime };
  /** A time with am/pm or on the 24-hour clock the rules read. */
  fixedTime?: string;
  /** A length said with a time ("for 2 hours", "for 90 minutes"), in minutes. */
  minutes?: number;
  /** The one time said with am/pm, if exactly one is ("tonight at 1am" is 01:00, whatever else reads). */
  explicitTime?: string;
  /** A window the rules read, given the day's opening and closing and the time read, if any. */
  window?: (open: string, close: string, from?: string) => { from: string; to: string };
  /** Whether the window is built on the time read ("after 3"); otherwise a clock time said beside it wins. */
  windowUsesTime?: boolean;
  /** What the rules read, for echoing back. */
  matched: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b/i;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY = '(mon|tue|wed|thu|fri|sat|sun)[a-z]*';
/** A weekday that captures nothing. */
const ANY_WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';
const ORDINAL_WORDS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
  'twenty-first',
  'twenty-second',
  'twenty-third',
  'twenty-fourth',
  'twenty-fifth',
  'twenty-sixth',
  'twenty-seventh',
  'twenty-eighth',
  'twenty-ninth',
  'thirtieth',
  'thirty-first',
];
/** Hours as words: the cardinals one to twelve. */
const HOUR_WORDS = lookupTable<number>(
  Object.fromEntries(Object.entries(CARDINAL_WORDS).filter((e): e is [string, number] => e[1] !== undefined && e[1] <= 12)),
);

/** Minutes as words, one to fifty-nine ("five", "twenty-five", "thirty six"). */
const MINUTE_WORDS: Readonly<Record<string, number | undefined>> = lookupTable<number>(
  Object.fromEntries(
    Object.entries(CARDINAL_WORDS).flatMap(([w, n]): Array<[string, number]> => {
      if (n === undefined || n > 59) return [];
      if (n < 20 || n % 10) return [[w, n]];
      const units = Object.entries(CARDINAL_WORDS).filter((u): u is [string, number] => u[1] !== undefined && u[1] < 10);
      return [[w, n], ...units.map(([u, k]): [string, number] => [`${w}-${u}`, n + k])];
    }),
  ),
);
const MINUTE_WORD = `(?:${Object.keys(MINUTE_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace('-', '[\\s-]'))
  .join('|')})`;
/** Minutes a clock time says after its hour ("five thirty-five"): ten to fifty-nine, longest first. */
const CLOCK_MINUTE_WORD = `(?:${Object.keys(MINUTE_WORDS)
  .filter((w) => MINUTE_WORDS[w]! >= 10)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace('-', '[\\s-]'))
  .join('|')})`;
const minuteOf = (raw: string): number => MINUTE_WORDS[raw.replace(/\s+/, '-')] ?? Number(raw);
/** A day of the month in words: an ordinal ("twenty-second") or a cardinal from twenty ("twenty two"). */
const DAY_WORD = [
  ...ORDINAL_WORDS.map((w) => w.replace('-', '[\\s-]')).reverse(),
  ...Object.keys(MINUTE_WORDS)
    .filter((w) => MINUTE_WORDS[w]! >= 20 && MINUTE_WORDS[w]! <= 31)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace('-', '[\\s-]')),
].join('|');
const dayOf = (word: string): number => {
  const w = word.replace(/\s+/, '-');
  const ordinal = ORDINAL_WORDS.indexOf(w);
  return ordinal >= 0 ? ordinal + 1 : minuteOf(w);
};
const HOUR_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

const REWRITES: Array<[RegExp, string]> = [
  [/\barvo\b/gi, 'afternoon'],
  [/\b(?:tmrw|tmr|tmrow|tomoz|tomorow|tommorow|tommorrow|2moro|2morrow)\b/gi, 'tomorrow'],
  [/\bthurs?\b/gi, 'thursday'],
  [/\btues\b/gi, 'tuesday'],
  [/\bweds\b/gi, 'wednesday'],
  [/\bxmas\b/gi, 'christmas'],
  [/\bboxing day\b/gi, 'december 26'],
  [/\b(?:in\s+)?a\s+fortnight(?:\s+from\s+(?:today|now))?\b|\bfortnight\b/gi, 'in two weeks'],
  [/\b(\d{1,2})\s*o'?\s*clock\b/gi, '$1:00'],
  [/\b(\d{1,2})\.(\d{2})(\s*(?:am|pm|a\.m\.|p\.m\.))?(?!\d)/gi, '$1:$2$3'],
  [/\b(\d{1,2})(\d{2})(\s*(?:am|pm))\b/gi, '$1:$2$3'],
  [/\b(?!19\d\d|20\d\d)([01]\d|2[0-3])([0-5]\d)\b(?!\s*(?:am|pm|\d))/gi, '$1:$2'],
  [/\b(\d{1,2}(?::\d{2})?)\s*p\.?(?=\s|$)/gi, '$1pm'],
  [/\b(\d{1,2}(?::\d{2})?)\s*a\.?(?=\s|$)/gi, '$1am'],
  [/\bsat\b/gi, 'saturday'],
  [/\bsun\b/gi, 'sunday'],
  [/\bmon\b/gi, 'monday'],
  [/\bfri\b/gi, 'friday'],
  [/\bwed\b/gi, 'wednesday'],
  [/\btonite\b/gi, 'tonight'],
  [/\b((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day|today|tomorrow)\s+am\b/gi, '$1 morning'],
  [/\b((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day|today|tomorrow)\s+pm\b/gi, '$1 afternoon'],
  [/\b(early|late|mid)-(morning|afternoon|evening|night)s?\b/gi, '$1 $2'],
  [/\bat(\d)/gi, 'at $1'],
  [/\bmid-?\s?day\b/gi, 'noon'],
  [/\b(\d{1,2})(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/gi, '$1 $2'],
];

// Built once (they are the same on every message).
const MONTH_OF_YEAR = new RegExp(`(${MONTH_WORD.source.slice(5, -3)})\\s+of\\s+(?=(?:19|20)\\d\\d\\b)`, 'g');
const ORDINAL_OF_MONTH = new RegExp(
  `\\b(${ORDINAL_WORDS.map((w) => w.replace('-', '[\\s-]')).join('|')})\\s+(?:day\\s+)?of\\s+(?=${MONTH_WORD.source.slice(5, -3)})`,
  'g',
);
const MONTH_DAY_WORD = new RegExp(`\\b(${MONTH_WORD.source.slice(5, -3)})\\s+(?:the\\s+)?(${DAY_WORD})\\b`, 'g');
const DOTTED_DAY_MONTH = new RegExp(
  `(?<=\\b(?:on|${ANY_WEEKDAY})\\s+)(\\d{1,2})\\.(\\d)\\b(?![.\\d]|\\s*(?:am|pm|hours?|hrs?|kg|km|m)\\b)`,
  'g',
);
const MINUTES_PAST = new RegExp(`\\b(\\d{1,2}|${MINUTE_WORD})\\s+(?:minutes?\\s+)?past\\s+(\\d{1,2}|${HOUR_WORD})\\b`, 'g');
const HOUR_MINUTE_WORDS = new RegExp(
  `\\b(${HOUR_WORD})[\\s-](${CLOCK_MINUTE_WORD}|o[\\s-]?(?:one|two|three|four|five|six|seven|eight|nine))\\b(?![\\s-](?:minutes?|people|guests|of)\\b)`,
  'g',
);
const WEEKDAY_BEFORE = new RegExp(`\\b${WEEKDAY},?\\s+(?:the\\s+)?$`);

export function prepareWhenText(original: string, now: DateTime, dayFirst: boolean, region?: string): Prepared {
  let text = ` ${original.toLowerCase().replace(/[’‘]/g, "'")} `;
  for (const [re, to] of REWRITES) text = text.replace(re, to);
  // "4th of july of 1995" is "4th of july 1995"; "the twenty third day of September" is "23 September".
  text = text.replace(MONTH_OF_YEAR, '$1 ');
  text = text.replace(ORDINAL_OF_MONTH, (_all, word: string) => `${ORDINAL_WORDS.indexOf(word.replace(/\s+/, '-')) + 1} `);
  // "jan twenty two", "december the twenty-fifth": a day of the month in words.
  text = text.replace(MONTH_DAY_WORD, (_all, month: string, day: string) => `${month} ${dayOf(day)}`);
  // "on 7.6", "friday 7.6": a day and month with a dot (month first in the US).
  text = text.replace(DOTTED_DAY_MONTH, (all, a: string, b: string) => {
    const [day, month] = dayFirst ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${day} ${MONTHS[month - 1]}` : all;
  });
  // "10 past 9", "twenty past ten", "thirty-six minutes past eight".
  text = text.replace(MINUTES_PAST, (all, m: string, h: string) => {
    const minute = minuteOf(m);
    return minute >= 1 && minute <= 59 ? `${HOUR_WORDS[h] ?? h}:${String(minute).padStart(2, '0')}` : all;
  });
  // "five-thirty", "two fifteen", "ten forty-five": an hour word then a minute word is a clock time.
  text = text.replace(
    HOUR_MINUTE_WORDS,
    (_all, h: string, m: string) => `${HOUR_WORDS[h]}:${String(minuteOf(m.replace(/^o[\s-]?/, ''))).padStart(2, '0')}`,
  );
  // "half two" (British and Australian) is half past two; "half an hour" and "half past" are left.
  text = text.replace(
    /\bhalf\s+(?!past|an?\b|hour|dozen)(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g,
    'half past $1',
  );
  {
    // "12/7/2014" is 12 July (7 December in the US), unless the weekday said before it only fits the
    // other reading ("Sunday 12/7/2014").
    text = text.replace(
      /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b(?!\s*(?:an?\s+)?(?:hours?|hrs?|mins?|minutes?|days?|weeks?|dozen|price|off|of|people|guests)\b)/g,
      (all, a: string, b: string, y: string | undefined, at: number) => {
        let [day, month] = dayFirst ? [Number(a), Number(b)] : [Number(b), Number(a)];
        const weekday = WEEKDAY_BEFORE.exec(text.slice(0, at))?.[1];
        const year = y ? Number(y.length === 2 ? `20${y}` : y) : undefined;
        if (weekday && year && !fitsWeekday(year, month, day, weekday) && fitsWeekday(year, day, month, weekday))
          [day, month] = [month, day];
        return month >= 1 && month <= 12 && day <= 31 ? ` ${day} ${MONTHS[month - 1]} ${year ?? ''} ` : all;
      },
    );
  }
  // "the day off" is no day; "end of (the) day" is the last minute of it.
  text = text.replace(/\b(?:take|taking|took|have|having)\s+the\s+day\s+off\b/g, ' ');
  // A number that labels a place ("building 4", "room 12") is not an hour.
  text = text.replace(
    /\b(building|room|level|floor|unit|suite|gate|platform|bay|aisle|table|door|apartment|apt|shop)\s*\d+\b(?![:.]\d|\s*(?:am|pm|a\.m|p\.m|o'?clock)\b)/g,
    '$1 ',
  );
  const explicit = [...text.matchAll(/\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/g)];
  const p: Prepared = { original, text, yearSaid: /\b(?:19|20)\d\d\b/.test(text), matched: [] };
  if (explicit.length === 1) {
    const [, h, m, mer] = explicit[0]!;
    if (Number(h) >= 1 && Number(h) <= 12) p.explicitTime = to24(Number(h), Number(m ?? 0), mer);
  }
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(p.text);
    if (m) {
      p.text = p.text.slice(0, m.index) + ' ' + p.text.slice(m.index + m[0].length);
      p.matched.push(m[0].trim());
    }
    return m;
  };

  const length = take(
    /\bfor\s+(\d{1,2}(?:\.\d)?|an?|one|two|three|four|five|six|seven|eight|half an?)\s*(hours?|hrs?|minutes?|mins?)(?:\s+(?:and\s+)?(\d{1,2})\s*(?:minutes?|mins?))?\b/,
  );
  if (length) {
    const n = /^half/.test(length[1]!) ? 0.5 : (HOUR_WORDS[length[1]!] ?? (/^an?$/.test(length[1]!) ? 1 : Number(length[1])));
    p.minutes = Math.round(n * (/^h/.test(length[2]!) ? 60 : 1)) + Number(length[3] ?? 0);
  }
  readRelativeWeeks(p, now, take);
  readNthWeekday(p, now, take);
  readHoliday(p, now, region ?? (dayFirst ? 'AU' : 'US'));
  readMonthDay(p, now, take);
  readDayOfMonth(p, now, take);
  if (take(/\b(?:at\s+|by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?day|eod)\b/)) p.fixedTime = '23:59';
  readRange(p, take);
  readWindows(p, take);
  readBareHour(p, take);
  return p;
}

type Take = (re: RegExp) => RegExpExecArray | null;

const NTH_WEEKDAY = new RegExp(
  `\\b(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)\\s+${WEEKDAY}\\s+(?:of|in)\\s+(?:(next|this|the)\\s+month|(${MONTH_WORD.source.slice(5, -3)}))(?:,?\\s+((?:19|20)\\d\\d))?\\b`,
);

/** "the first friday of next month", "the last monday in june": that weekday of that month. */
function readNthWeekday(p: Prepared, now: DateTime, take: Take): void {
  if (p.date) return;
  const m = take(NTH_WEEKDAY);
  if (!m) return;
  const n =
    m[1] === 'last'
      ? -1
      : ['first', 'second', 'third', 'fourth'].findIndex(
          (w, i) => m[1] === w || m[1] === `${i + 1}${['st', 'nd', 'rd', 'th'][i]}`,
        ) + 1;
  const weekday = WEEKDAYS.findIndex((w) => w.startsWith(m[2]!.slice(0, 3))) + 1;
  const dated = (year: number, month: number): DateTime => {
    const d = nthWeekday(year, month, weekday, n);
    return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: now.zone });
  };
  let date: DateTime;
  if (m[3]) {
    const month = now.startOf('month').plus({ months: m[3] === 'next' ? 1 : 0 });
    date = dated(month.year, month.month);
  } else {
    const month = MONTHS.indexOf(m[4]!.slice(0, 3)) + 1;
    date = dated(m[5] ? Number(m[5]) : now.year, month);
    if (!m[5] && date < now.startOf('day')) date = dated(now.year + 1, month);
  }
  p.date = date.toISODate()!;
}

const WEEKDAY_WEEK = new RegExp(`\\b(?:${WEEKDAY}\\s+week|a\\s+week\\s+(?:on|from)\\s+${WEEKDAY})\\b`);
const COMING_WEEKDAY = new RegExp(`\\b(?:this\\s+|the\\s+)?(?:up)?coming\\s+${WEEKDAY}\\b`);
const WEEKDAY_NEXT_WEEK = new RegExp(
  `\\b(?:${WEEKDAY},?\\s+(?:of\\s+|in\\s+)?next\\s+week|next\\s+week,?\\s+(?:on\\s+)?${WEEKDAY})\\b`,
);

/** "saturday week", "a week on saturday", "tomorrow week": a week after the next such day. */
function readRelativeWeeks(p: Prepared, now: DateTime, take: Take): void {
  const week = take(WEEKDAY_WEEK);
  if (week) {
    const day = (week[1] ?? week[2])!;
    p.date = nextWeekday(now, day).plus({ weeks: 1 }).toISODate()!;
    return;
  }
  // "this coming Thursday" said on a Thursday is a week today: the next such day after today.
  const coming = take(COMING_WEEKDAY);
  if (coming) {
    p.date = nextWeekday(now, coming[1]!).toISODate()!;
    return;
  }
  // "Tuesday, next week", "next week on Tuesday": that day of next week (weeks start on Monday).
  const nextWeek = take(WEEKDAY_NEXT_WEEK);
  if (nextWeek) {
    const day = WEEKDAYS.findIndex((w) => w.startsWith((nextWeek[1] ?? nextWeek[2])!.slice(0, 3)));
    p.date = now.startOf('week').plus({ weeks: 1, days: day }).toISODate()!;
    return;
  }
  if (take(/\btomorrow\s+week\b/)) {
    p.date = now.plus({ days: 8 }).toISODate()!;
    return;
  }
  const counts: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
  const inN = take(
    /\b(?:in\s+(\d{1,2}|an?|one|two|three|four|five|six)\s+(days?|weeks?)(?:\s+time)?|(\d{1,2}|an?|one|two|three|four|five|six)\s+(weeks?|days?)\s+(?:from|after)\s+(today|now|tomorrow))\b/,
  );
  if (inN) {
    const n = counts[inN[1] ?? inN[3]!] ?? Number(inN[1] ?? inN[3]);
    const unit = (inN[2] ?? inN[4]!).startsWith('week') ? 'weeks' : 'days';
    // "a week from tomorrow", "2 days after tomorrow" count from tomorrow.
    p.date = now
      .plus({ [unit]: n })
      .plus({ days: inN[5] === 'tomorrow' ? 1 : 0 })
      .toISODate()!;
  }
}

const MONTH_NAMES = MONTH_WORD.source.slice(5, -3);

/** Words that may follow a named day that is a date ("christmas eve at 10", "easter weekend"). */
const FOLLOWS_A_DAY =
  /^(?:day|eve|morning|afternoon|arvo|evening|night|lunch|lunchtime|dinner|breakfast|brunch|at|on|in|this|next|last|please|pls|weekend|week|period|break|time|and|or|until|till|by|before|after|then|is|would|works|if|so|thanks|ta|around|about|from|between|to|for|with)$/;

/** "christmas eve", "mother's day", "easter sunday 2018" (see holidays.ts). */
function readHoliday(p: Prepared, now: DateTime, region: string): void {
  if (p.date) return;
  const found = findHoliday(p.text, now.toISODate()!, region);
  if (!found) return;
  const after = p.text.slice(found.index + found.text.length);
  p.text = p.text.slice(0, found.index) + ' ' + after;
  // "an easter cake", "the christmas party": a named day before a noun names a kind, not a date.
  const next = /^\s+([a-z]+)/.exec(after)?.[1];
  if (next && !FOLLOWS_A_DAY.test(next)) return;
  p.matched.push(found.text.trim());
  p.date = found.date;
}

const MONTH_DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const SAID_YEAR = '(?:,?\\s+((?:19|20)\\d\\d))?';
const DAY_FIRST = new RegExp(
  `(?<![:\\d.$])\\b(?:the\\s+)?(?:${MONTH_DAY}\\s*(?:to|-|–|until|till|through)\\s*(?:the\\s+)?)?${MONTH_DAY}\\s+(?:of\\s+)?(${MONTH_NAMES})\\b\\.?${SAID_YEAR}(?![:\\d])`,
);
const MONTH_FIRST = new RegExp(
  `\\b(${MONTH_NAMES})\\.?,?\\s+(?:the\\s+)?${MONTH_DAY}\\b(?![:.]?\\d|\\s*(?:am|pm|a\\.m|p\\.m|people|guests|kids|of\\b))${SAID_YEAR}`,
);

/**
 * "december 18", "18th of dec", "Feb 29", "10 to 22 August", "aug 10, 2011": with a year said, that
 * year (a year said elsewhere in the message counts: "Aug 10 - Nov 12, 2011"); without one, the next
 * such date from today, so "Feb 29" is the next leap day.
 */
function readMonthDay(p: Prepared, now: DateTime, take: Take): void {
  if (p.date) return;
  const a = DAY_FIRST.exec(p.text);
  const b = MONTH_FIRST.exec(p.text);
  // "from 5 to 6 of April 22": the month has its own day after it, so the numbers before are not days.
  const monthOfA = a ? a.index + a[0].lastIndexOf(a[3]!) : -1;
  const m = a && (!b || a.index <= b.index) && !(b && b.index === monthOfA) ? a : b;
  if (!m) return;
  const [d, monthName, y] = m === a ? [m[1] ?? m[2], m[3], m[4]] : [m[2], m[1], m[3]];
  // "may 5 come" is a verb: May is a month here only with a suffix, "the", a year or nothing after.
  const after = p.text.slice(m.index + m[0].length);
  const verb =
    /^\s+[a-z]/.test(after) && !/^\s+(?:at|around|about|in|from|between|for|please|thanks|works|is|would|or|and)\b/.test(after);
  if (monthName === 'may' && verb && !/(?:\d(?:st|nd|rd|th)|the\s+\d+|\d{4})$/.test(m[0])) return;
  const month = MONTHS.indexOf(monthName!.slice(0, 3)) + 1;
  const dayOfMonth = Number(d);
  const said = y ?? /\b(?:19|20)\d\d\b/.exec(p.text.replace(m[0], ' '))?.[0];
  let date: DateTime | undefined;
  if (said) {
    const candidate = now.set({ year: Number(said), month, day: dayOfMonth });
    if (candidate.month === month && candidate.day === dayOfMonth && candidate.year === Number(said)) date = candidate;
  } else {
    for (let year = now.year; year <= now.year + 8 && !date; year++) {
      const candidate = DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: now.zone });
      if (candidate.isValid && candidate >= now.startOf('day')) date = candidate;
    }
  }
  if (!date) return;
  take(new RegExp(m[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  p.date = date.toISODate()!;
}

/** Whether year-month-day exists and falls on the weekday named. */
function fitsWeekday(year: number, month: number, day: number, weekday: string): boolean {
  if (month < 1 || month > 12) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return false;
  return WEEKDAYS[(d.getUTCDay() + 6) % 7]!.startsWith(weekday.slice(0, 3));
}

/** "her 21st birthday" is an occasion, not the 21st of the month. */
const NOT_AN_OCCASION = "(?!\\s+(?:birthday|bday|b'day|anniversary|year|floor|century|edition|party|time|place))";

const ORDINAL_DAY = new RegExp(
  `\\b(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)|(?<=the\\s)(${ORDINAL_WORDS.join('|')}))\\b${NOT_AN_OCCASION}(?:\\s+day)?(?:\\s+of\\s+(the|this|next)\\s+month)?`,
);
const WEEKDAY_LATE_DAY = new RegExp(
  `\\b${WEEKDAY},?\\s+(?:the\\s+)?(2[5-9]|3[01])\\b(?!\\s*(?:am|pm|[:.]\\d|people|guests|kids|of)\\b)`,
);
const WEEKDAY_AT_END = new RegExp(`\\b${WEEKDAY},?\\s*$`);

/** "the 10th", "the twelfth": with no month named, the next such day after today. */
function readDayOfMonth(p: Prepared, now: DateTime, take: Take): void {
  if (p.date || MONTH_WORD.test(p.text)) return;
  const whole = p.text;
  const m = take(ORDINAL_DAY);
  const bare = m ? null : take(WEEKDAY_LATE_DAY);
  if (!m && !bare) return;
  const day = bare ? Number(bare[2]) : m![1] ? Number(m![1]) : ORDINAL_WORDS.indexOf(m![2]!) + 1;
  if (day < 1 || day > 31) return;
  // "Saturday the 12th", "Friday 31": the next date that is both.
  const before = m ? whole.slice(0, m.index) : '';
  const weekday = bare?.[1] ?? WEEKDAY_AT_END.exec(before)?.[1];
  if (weekday) {
    // Within four months; past that the weekday was likely a slip, and the next such day of the month stands.
    for (let i = 0; i < 4; i++) {
      const month = now.startOf('month').plus({ months: i });
      if (day > month.daysInMonth!) continue;
      const candidate = month.set({ day });
      if (candidate > now.startOf('day') && fitsWeekday(candidate.year, candidate.month, day, weekday)) {
        p.date = candidate.toISODate()!;
        return;
      }
    }
  }
  if (m?.[3] === 'next') {
    const month = now.startOf('month').plus({ months: 1 });
    if (day <= month.daysInMonth!) p.date = month.set({ day }).toISODate()!;
    return;
  }
  for (let i = 0; i < 13; i++) {
    const month = now.startOf('month').plus({ months: i });
    if (day > month.daysInMonth!) continue;
    const candidate = month.set({ day });
    if (candidate.startOf('day') > now.startOf('day')) {
      p.date = candidate.toISODate()!;
      return;
    }
  }
}

const RANGE_END = '(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?';
// "from 10:00 to 1 jan 2023": a day of a month is not the range's end.
const NOT_AN_HOUR = `(?:st|nd|rd|th)\\b|\\s*(?:of\\s+)?(?:${MONTH_NAMES})\\b`;
const BETWEEN_HOURS = new RegExp(
  `\\b(?:between|from)\\s+${RANGE_END}\\s*(?:and|to|-|–|until|till)\\s*${RANGE_END}(?![:\\d/]|${NOT_AN_HOUR})`,
);
const DASHED_HOURS = new RegExp(
  `(?<=\\b(?:morning|afternoon|evening|night|tonight|today|tomorrow|${ANY_WEEKDAY})\\s+)${RANGE_END}\\s*[-–]\\s*${RANGE_END}(?![:\\d/]|\\s*(?:people|guests|kids|of)\\b)`,
);

/** "between 2 and 4:30pm", "from 10 to 11:30": Recognizers-Text loses the first end without am/pm. */
function readRange(p: Prepared, take: Take): void {
  const m =
    take(BETWEEN_HOURS) ??
    // "monday morning 6-8", "monday 11-4": after a day or a part of it, two hours with a dash are a range.
    take(DASHED_HOURS);
  if (!m) return;
  const end = (h?: string, min?: string, mer?: string): ClockTime => ({
    h: Number(h),
    m: Number(min ?? 0),
    meridiem: mer as ClockTime['meridiem'],
  });
  const from = end(m[1], m[2], m[3]);
  const to = end(m[4], m[5], m[6]);
  if (from.h > 23 || to.h > 23 || from.m > 59 || to.m > 59) return;
  p.range = { from, to };
}

const FIXED_WINDOWS: Array<[RegExp, (open: string, close: string) => { from: string; to: string }]> = [
  [/\bafter\s+lunch(?:time)?\b/, (_o, c) => ({ from: '13:00', to: c })],
  [/\b(?:at\s+|over\s+|around\s+)?lunch\s?time\b|\b(?:at|over|around)\s+lunch\b/, () => ({ from: '12:00', to: '14:00' })],
  [/\bfirst\s+thing(?:\s+in\s+the\s+morning)?\b/, (o) => ({ from: o, to: plusHour(o) })],
  [/\bmid-?\s?morning\b/, () => ({ from: '10:00', to: '11:00' })],
  [/\bmid-?\s?afternoon\b/, () => ({ from: '14:00', to: '16:00' })],
  [/\blater?\s+(?:in\s+the\s+|this\s+)?afternoon\b/, (_o, c) => ({ from: '15:00', to: c })],
  [/\bearly\s+(?:in\s+the\s+|this\s+)?afternoon\b/, () => ({ from: '12:00', to: '14:00' })],
  [/\bearly\s+(?:in\s+the\s+|this\s+)?morning\b/, (o) => ({ from: o, to: '10:00' })],
  [/\bearly\s+(?:in\s+the\s+|this\s+)?evening\b/, () => ({ from: '17:00', to: '19:00' })],
];

/** Windows Recognizers-Text does not know, or reads in a way the booking rules cannot use. */
function readWindows(p: Prepared, take: Take): void {
  for (const [re, window] of FIXED_WINDOWS) {
    if (take(re)) {
      p.window = (open, close) => window(open, close);
      return;
    }
  }
  const after = take(/\b(?:any\s*time\s+|anytime\s+|from\s+)?after\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/);
  if (after) {
    setHour(p, after);
    p.windowUsesTime = true;
    p.window = (_open, close, from) => ({ from: from ?? '12:00', to: close });
    return;
  }
  const before = take(/\b(?:any\s*time\s+)?before\s+(?:(noon|midday)|(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)\b/);
  if (before) {
    const to = before[1] ? '12:00' : to24(Number(before[2]), Number(before[3] ?? 0), before[4]);
    p.windowUsesTime = true;
    p.window = (open) => ({ from: open, to });
  }
}

const BARE_HOUR = '(?<h>\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?::(?<m>\\d{2}))?';
const HOUR_LEAD = `(?:${WEEKDAY}|today|tomorrow|tonight|morning|afternoon|evening)\\s+(?:at\\s+|around\\s+|about\\s+)?`;
const NOT_AFTER_HOUR = `(?![:.\\d]|\\s*(?:am|pm|a\\.m|p\\.m|st|nd|rd|th|\\/|-|to\\b|past|dozen|people|of|x\\b|${MONTH_WORD.source.slice(5, -3)}))`;
const HOUR_ISH = new RegExp(`\\b${BARE_HOUR}\\s*-?\\s*ish\\b`);
const HOUR_AFTER_DAY = new RegExp(`(?<=\\b${HOUR_LEAD})${BARE_HOUR}\\b${NOT_AFTER_HOUR}`);
const HOUR_AFTER_AT = new RegExp(`\\b(?:at|around|about|say|by)\\s+${BARE_HOUR}\\b${NOT_AFTER_HOUR}`);
const HOUR_ALONE = new RegExp(`^\\s*${BARE_HOUR}\\b${NOT_AFTER_HOUR}(?=\\s*(?:[.!?]|today|tomorrow|on\\b|${WEEKDAY}|$))`);

/** "saturday 9", "tomorrow at 10", "around 3", "2", "11ish": an hour without am/pm. */
function readBareHour(p: Prepared, take: Take): void {
  if (p.bareHour !== undefined) return;
  const m = take(HOUR_ISH) ?? take(HOUR_AFTER_DAY) ?? take(HOUR_AFTER_AT) ?? take(HOUR_ALONE);
  if (m) setHour(p, [m[0], m.groups!.h, m.groups!.m] as unknown as RegExpExecArray);
}

function setHour(p: Prepared, m: RegExpExecArray): void {
  const raw = m[1]!;
  const h = HOUR_WORDS[raw] ?? Number(raw);
  const minute = Number(m[2] ?? 0);
  const meridiem = m[3];
  if (!(h >= 0 && h <= 23) || minute > 59) return;
  // With am/pm, or on the 24-hour clock, the hour is not ambiguous.
  if (meridiem || h > 12 || h === 0) p.fixedTime = to24(h, minute, meridiem);
  else {
    p.bareHour = h;
    p.bareMinute = minute;
  }
}

function to24(h: number, m: number, meridiem?: string): string {
  let hour = h;
  if (meridiem?.startsWith('p') && h < 12) hour += 12;
  if (meridiem?.startsWith('a') && h === 12) hour = 0;
  return hhmm(hour, m);
}

function nextWeekday(now: DateTime, name: string): DateTime {
  const target = WEEKDAYS.findIndex((w) => w.startsWith(name.slice(0, 3))) + 1;
  let d = now.startOf('day').plus({ days: 1 });
  while (d.weekday !== target) d = d.plus({ days: 1 });
  return d;
}

function plusHour(t: string): string {
  return hhmm(Math.min(23, Number(t.slice(0, 2)) + 1), Number(t.slice(3, 5)));
}
