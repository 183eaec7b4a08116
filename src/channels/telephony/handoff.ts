/**
 * The status Azure's telephony channel reports after a call transfer (see dialogs/handoff.ts for
 * the transfer itself): a `handoff.status` event whose value's `state` is "accepted" (the bot is out
 * of the call) or "failed" (the caller is still with the bot).
 */
import type { Activity } from 'botbuilder';

const HANDOFF_STATUS = 'handoff.status';

export interface HandoffStatus {
  state: 'accepted' | 'failed' | 'completed' | string;
  message?: string;
}

/** The status a `handoff.status` event reports; undefined for any other activity. */
export function handoffStatusOf(activity: Partial<Activity>): HandoffStatus | undefined {
  if (activity.type !== 'event' || activity.name !== HANDOFF_STATUS) return undefined;
  const value = activity.value as { state?: unknown; message?: unknown } | undefined;
  if (!value || typeof value.state !== 'string') return undefined;
  return { state: value.state, message: typeof value.message === 'string' ? value.message : undefined };
}
