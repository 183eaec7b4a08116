/**
 * Keypad (DTMF) input on Azure Bot Service's telephony channel. Each key arrives as its own message:
 * the key as `text` ("4", "#", "*") with an entity `{ type: "DTMF" }`. This middleware collects keys
 * until "#" and then hands the dialogs one message whose text is the digits ("0412345678#" →
 * "0412345678"), marked with a `dtmfInput` entity; "*" clears what was typed. A single key is passed
 * on at once when the last reply offered numbered choices, so "2" picks the second. Keys arriving in
 * one message ("0412345678#") are accepted too.
 */
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { BoundedMap } from '../boundedMap.js';
import { conversationKey, type ChoiceMemory } from '../choiceMemory.js';

/** The entity the middleware adds to a completed keypad entry. */
interface DtmfInputEntity {
  type: 'dtmfInput';
  /** The keys before "#", digits only. */
  digits: string;
}

const KEYS = /^[0-9*#]+$/;
const MAX_KEYS = 20;

/** Whether the activity carries keypad input (a `DTMF` entity, case-insensitive, on a message of keys). */
function isDtmf(activity: Partial<Activity>): boolean {
  const text = (activity.text ?? '').replace(/\s+/g, '');
  return Boolean(text && KEYS.test(text) && activity.entities?.some((e) => e.type?.toLowerCase() === 'dtmf'));
}

/** The digits of a completed keypad entry, as the middleware marked it; undefined otherwise. */
export function dtmfDigitsOf(activity: Partial<Activity>): string | undefined {
  const entity = activity.entities?.find((e) => e.type === 'dtmfInput') as DtmfInputEntity | undefined;
  return entity?.digits;
}

export interface DtmfOptions {
  /** Offered choices: while some are pending, a single key is passed on at once. */
  choices: ChoiceMemory;
  maxConversations?: number;
}

export function dtmfMiddleware(options: DtmfOptions): Middleware {
  const buffers = new BoundedMap<string, string>({ maxEntries: options.maxConversations ?? 10_000, ttlMs: 5 * 60_000 });
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (activity.channelId !== 'telephony' || activity.type !== 'message' || !isDtmf(activity)) return next();
      const key = conversationKey(activity);
      const keys = (buffers.get(key) ?? '') + (activity.text ?? '').replace(/\s+/g, '');
      const cleared = keys.slice(keys.lastIndexOf('*') + 1);
      const end = cleared.indexOf('#');
      if (end >= 0) {
        buffers.delete(key);
        const digits = cleared.slice(0, end).replace(/\D/g, '');
        if (!digits) return; // "#" alone: nothing to hand on.
        return deliver(context, digits, next);
      }
      if (cleared.length === 1 && options.choices.get(key)?.length) {
        buffers.delete(key);
        return deliver(context, cleared, next);
      }
      // Still typing: remember the keys and stay silent until "#".
      buffers.set(key, cleared.slice(-MAX_KEYS));
    },
  };
}

async function deliver(context: TurnContext, digits: string, next: () => Promise<void>): Promise<void> {
  const { activity } = context;
  activity.text = digits;
  const entity: DtmfInputEntity = { type: 'dtmfInput', digits };
  activity.entities = [...(activity.entities ?? []), entity];
  await next();
}
