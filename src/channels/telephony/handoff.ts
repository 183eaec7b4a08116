/**
 * Hand-off to a person on the phone: a call transfer. The bot sends Bot Framework's hand-off
 * initiation event (`handoff.initiate`) with the staff number as `TargetPhoneNumber`; Azure's
 * telephony channel transfers the call and answers with a `handoff.status` event whose value's
 * `state` is "accepted" (the bot is out of the call) or "failed" (the caller is still with the bot).
 */
import { EventFactory, type Activity, type TurnContext } from 'botbuilder';

export const HANDOFF_STATUS = 'handoff.status';

/** The event that asks the telephony channel to transfer the call to `staffPhone` (E.164). */
export function callTransfer(context: TurnContext, staffPhone: string): Partial<Activity> {
  if (!/^\+[1-9]\d{6,14}$/.test(staffPhone)) throw new TypeError(`staff phone must be E.164, got "${staffPhone}"`);
  return EventFactory.createHandoffInitiation(context, { TargetPhoneNumber: staffPhone });
}

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
