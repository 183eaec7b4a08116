/** The business's opening intervals on a local date as wall-clock HH:MM, for the time readers. */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import { businessDayCache, openIntervalsOn } from './openingHours.js';

type Hours = ReadonlyArray<{ readonly from: string; readonly to: string }>;

/** The time readers ask for the same few days many times a turn. */
const cached = businessDayCache<Hours>();

function hoursOn(business: Business, isoDate: string): Hours {
  const hhmm = (d: Date): string => DateTime.fromJSDate(d, { zone: business.timeZone }).toFormat('HH:mm');
  return openIntervalsOn(business, isoDate).map((i) => ({ from: hhmm(i.start), to: hhmm(i.end) }));
}

export function openingOn(business: Business): (isoDate: string) => Array<{ from: string; to: string }> {
  return (isoDate) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return [];
    return cached(business, isoDate, hoursOn).map((h) => ({ ...h }));
  };
}
