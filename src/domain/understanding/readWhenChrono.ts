/** chrono-node as the last resort for a date or time Recognizers-Text and the own rules missed. */
import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import { mayNameWhen } from './whenCue.js';

export function chronoWhen(
  text: string,
  now: DateTime,
  dayFirst = true,
): { date: string; from?: string; text: string } | undefined {
  const ref = new Date(now.year, now.month - 1, now.day, now.hour, now.minute);
  const first = (dayFirst ? chrono.en.GB : chrono.en.casual)
    .parse(text, ref, { forwardDate: true })
    // "the money" is not "the month": a reading without a date or time word in it is dropped.
    .find((r) => !/^(?:right\s+)?now$/i.test(r.text.trim()) && mayNameWhen(r.text));
  if (!first) return undefined;
  const d = first.start.date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const from = first.start.isCertain('hour') ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : undefined;
  return { date, from, text: first.text };
}
