/**
 * The caller's number on Azure Bot Service's telephony channel. The channel puts it in the
 * activity's `from`: `from.id` in the documentation, `from.name` in Microsoft's own samples; both are
 * read. The number is only a proposal: the dialogs must read it back and get a "yes" before using it.
 * Withheld or anonymous callers give undefined.
 */
import type { Activity } from 'botbuilder';
import { toE164 } from '../../domain/phone.js';

export function callerNumberOf(activity: Partial<Activity>, defaultRegion: string): string | undefined {
  if (activity.channelId !== 'telephony') return undefined;
  for (const candidate of [activity.from?.id, activity.from?.name]) {
    if (!candidate || !/^\s*(?:tel:)?\+?[\d\s().-]{6,20}\s*$/.test(candidate)) continue;
    const e164 = toE164(candidate.replace(/^\s*tel:/, ''), defaultRegion);
    if (e164) return e164;
  }
  return undefined;
}
