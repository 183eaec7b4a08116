/**
 * Named days customers book around ("christmas eve", "mother's day", "easter sunday 2018"), as dates.
 * Recognizers-Text 1.1 (JavaScript) misreads several of them (halloween as 31 December, easter and
 * "father's day of 2015" as year 1), so readWhen reads them here. Days that differ by country (father's
 * day, labour day) follow the business's region: Australia, New Zealand, the UK or the US.
 */
import { DateTime } from 'luxon';

type Region = 'AU' | 'NZ' | 'GB' | 'US';
type Rule = (year: number, region: Region) => DateTime | undefined;

const fixed =
  (month: number, day: number): Rule =>
  (year) =>
    DateTime.utc(year, month, day);

/** The n-th (1-based; -1 is the last) ISO weekday (1 = Monday) of a month. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n < 0) {
    const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (n - 1) });
}

/** Easter Sunday (the anonymous Gregorian computus). */
function easter(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

const thanksgiving = (year: number): DateTime => nthWeekday(year, 11, 4, 4);

/** Names as customers write them (apostrophes optional, "saint" or "st"), longest first when matched. */
const HOLIDAYS: Array<[string, Rule]> = [
  ['christmas eve', fixed(12, 24)],
  ['christmas day|christmas', fixed(12, 25)],
  ["new years? eve|new year'?s eve|nye", fixed(12, 31)],
  ["new years? day|new year'?s day", (y) => DateTime.utc(y, 1, 1)],
  ["valentines? day|valentine'?s day|valentines?", fixed(2, 14)],
  ["hallowe'?en", fixed(10, 31)],
  ["(?:saint|st\\.?) patrick'?s day|st\\.? paddy'?s day", fixed(3, 17)],
  ['earth day', fixed(4, 22)],
  ['anzac day', fixed(4, 25)],
  ['australia day', fixed(1, 26)],
  ['(?:us )?independence day|(?:the )?fourth of july|4th of july', fixed(7, 4)],
  ['good friday', (y) => easter(y).minus({ days: 2 })],
  ['easter saturday|holy saturday', (y) => easter(y).minus({ days: 1 })],
  ['easter monday', (y) => easter(y).plus({ days: 1 })],
  ['easter sunday|easter day|easter', (y) => easter(y)],
  ["mother'?s day|mothers day", (y, r) => (r === 'GB' ? easter(y).minus({ weeks: 3 }) : nthWeekday(y, 5, 7, 2))],
  ['mothering sunday', (y) => easter(y).minus({ weeks: 3 })],
  ["father'?s day|fathers day", (y, r) => (r === 'AU' || r === 'NZ' ? nthWeekday(y, 9, 7, 1) : nthWeekday(y, 6, 7, 3))],
  ['thanks ?giving(?: day)?', (y) => thanksgiving(y)],
  ['black friday', (y) => thanksgiving(y).plus({ days: 1 })],
  ['cyber monday', (y) => thanksgiving(y).plus({ days: 4 })],
  ["presidents'? day|president'?s day", (y) => nthWeekday(y, 2, 1, 3)],
  ['memorial day', (y) => nthWeekday(y, 5, 1, -1)],
  ['martin luther king(?: jr\\.?)? day|mlk day', (y) => nthWeekday(y, 1, 1, 3)],
];

const PATTERN = new RegExp(
  `\\b(?:on\\s+)?(?:the\\s+)?(${HOLIDAYS.map(([names]) => `(${names})`).join('|')})\\b(?:\\s+(?:of\\s+|in\\s+)?((?:19|20)\\d\\d)\\b)?`,
);

/** Whether text may name one of the days above (a cheap test before the full reading). */
export const HOLIDAY_CUE =
  /\b(?:christmas|xmas|easter|valentines?|valentine's|hallowe'?en|new years?|new year's|nye|mother'?s|mothering|father'?s|fathers|thanks ?giving|boxing|anzac|australia|patrick'?s|paddy'?s|independence|july|earth day|memorial|presidents?'?|mlk|luther|black friday|cyber monday|good friday|holy saturday)\b/i;

export interface HolidayMatch {
  /** YYYY-MM-DD. */
  date: string;
  /** Where the name (with its year) was found, in the text given. */
  index: number;
  text: string;
}

/**
 * The first named day in lower-cased text: in the year said, else the next one on or after today.
 * `region` is an ISO 3166 code; anything but GB, NZ and US reads as Australia, the sample's.
 */
export function findHoliday(text: string, today: string, region = 'AU'): HolidayMatch | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const which = HOLIDAYS.findIndex((_h, i) => m[i + 2] !== undefined);
  const rule = HOLIDAYS[which]?.[1];
  if (!rule) return undefined;
  const r: Region = region === 'GB' || region === 'NZ' || region === 'US' ? region : 'AU';
  const said = m[HOLIDAYS.length + 2];
  const startYear = Number(said ?? today.slice(0, 4));
  for (let year = startYear; year <= startYear + 1; year++) {
    const date = rule(year, r)?.toISODate();
    if (date && (said || date >= today)) return { date, index: m.index, text: m[0] };
  }
  return undefined;
}
