/**
 * Marketing attribution carried by the channel: `utm_*` parameters and the referrer, as the chat
 * page (or the business's site) passes them in the activity's channelData.
 */
import { z } from 'zod';
import type { Attribution } from '../turn/turnInput.js';

const ChannelAttribution = z
  .object({
    utm_source: z.string().max(200).optional(),
    utm_medium: z.string().max(200).optional(),
    utm_campaign: z.string().max(200).optional(),
    referrer: z.string().max(2000).optional(),
  })
  .partial();

/** The attribution in an activity's channelData; {} when there is none or it is malformed. */
export function attributionOf(channelData: unknown): Attribution {
  const parsed = ChannelAttribution.safeParse(channelData ?? {});
  if (!parsed.success) return {};
  const d = parsed.data;
  let source = d.utm_source;
  if (!source && d.referrer) {
    try {
      source = new URL(d.referrer).hostname;
    } catch {
      source = undefined;
    }
  }
  return { source, medium: d.utm_medium, campaign: d.utm_campaign, referrer: d.referrer };
}
