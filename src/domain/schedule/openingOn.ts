/** The business's opening intervals on a local date as wall-clock HH:MM, for the time readers. */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import { openIntervalsOn } from './openingHours.js';

export function openingOn(business: Business): (isoDate: string) => Array<{ from: string; to: string }> {
  const hhmm = (d: Date): string => DateTime.fromJSDate(d, { zone: business.timeZone }).toFormat('HH:mm');
  return (isoDate) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return [];
    return openIntervalsOn(business, isoDate).map((i) => ({ from: hhmm(i.start), to: hhmm(i.end) }));
  };
}
