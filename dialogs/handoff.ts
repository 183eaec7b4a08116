/**
 * Hand-off to a person with the Bot Framework hand-off protocol: an initiation event carrying the
 * transcript (on the phone channel, a transfer to the staff number), then silence until the
 * channel reports `handoff.status` completed or failed. Out of hours a callback is offered instead.
 */
import { EventFactory, type Activity, type TurnContext } from 'botbuilder';
import { isOpen, nextOpening } from '../src/domain/schedule/openingHours.js';
import { yesNo } from './choices.js';
import { copy, dates } from './copy.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';

export async function startHandoff(context: TurnContext, services: DialogServices): Promise<void> {
  const { business, clock } = services;
  const session = await services.sessions.get(context);
  const now = clock.now();
  if (!isOpen(business, now)) {
    const next = nextOpening(business, now);
    const when = next ? dates.weekdayAndTime(business, next) : undefined;
    session.offer = 'callback';
    session.offerTopic ??= copy.personTopic();
    await context.sendActivity(yesNo(copy.handoffOutOfHours(when)));
    return;
  }
  const { conversationId, flags } = turnInputOf(context);
  const entries = await services.conversationLog.transcript(conversationId);
  const transcript = { activities: entries.map((e) => e.activity) } as unknown as Parameters<
    typeof EventFactory.createHandoffInitiation
  >[2];
  if (flags.callTransfer && business.staffPhone) {
    // On the phone a hand-off is a call transfer to the staff number.
    await context.sendActivity(copy.transferStarted());
    await context.sendActivity(callTransfer(context, business.staffPhone));
  } else {
    await context.sendActivity(copy.handoffStarted());
    await context.sendActivity(
      EventFactory.createHandoffInitiation(context, { skill: 'sales', reason: 'customer asked for a person' }, transcript),
    );
  }
  session.handedOff = true;
  void services.conversationLog.addOutcome(conversationId, 'handed_off');
}

/** Handles a `handoff.status` event; returns true when it was one. */
export async function handleHandoffStatus(context: TurnContext, services: DialogServices): Promise<boolean> {
  const { activity } = context;
  if (activity.type !== 'event' || activity.name !== 'handoff.status') return false;
  const state = (activity.value as { state?: string } | undefined)?.state;
  const session = await services.sessions.get(context);
  if (state === 'completed') {
    session.handedOff = false;
  } else if (state === 'failed') {
    session.handedOff = false;
    session.offer = 'callback';
    session.offerTopic ??= copy.personTopic();
    await context.sendActivity(yesNo(copy.handoffFailed()));
  }
  return true;
}

/**
 * The event that asks a phone channel to transfer the call to `staffPhone` (E.164): Bot Framework's
 * hand-off initiation with `TargetPhoneNumber`. Azure's telephony channel transfers the call and
 * answers with a `handoff.status` event ("accepted", or "failed" with the caller still here).
 */
export function callTransfer(context: TurnContext, staffPhone: string): Partial<Activity> {
  if (!/^\+[1-9]\d{6,14}$/.test(staffPhone)) throw new TypeError(`staff phone must be E.164, got "${staffPhone}"`);
  return EventFactory.createHandoffInitiation(context, { TargetPhoneNumber: staffPhone });
}
