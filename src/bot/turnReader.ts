/**
 * Reads one turn into a TurnInput: the channel's facts (from the channel layer), and the message
 * recognised once in the business's context (time zone, phone region, products), with product
 * aliases mapped to the product's name so dialogs only ever see canonical names. The bot and the
 * dialog test harness both read turns through this.
 */
import type { TurnContext } from 'botbuilder';
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import { MAX_TEXT_LENGTH, type ChannelFacts, type TurnInput } from '../domain/turn/turnInput.js';
import type { Recognizer, Understanding } from '../domain/understanding/types.js';
import { openingOn } from '../domain/schedule/openingOn.js';
import { requestAddress } from './requestScope.js';

export interface TurnReaderDeps {
  recognizer: Recognizer;
  business: Business;
  clock: Clock;
  /** The channel layer's view of the turn (flags, caller number, keypad, silence, attribution). */
  channelFacts: (context: TurnContext) => ChannelFacts;
}

export type TurnReader = (context: TurnContext) => Promise<TurnInput>;

export function createTurnReader(deps: TurnReaderDeps): TurnReader {
  const recognize = createTurnRecognizer(deps.recognizer, deps.business, deps.clock);
  return async (context) => {
    const { activity } = context;
    const text = activity.type === 'message' && typeof activity.text === 'string' ? activity.text.trim() : '';
    const facts = deps.channelFacts(context);
    const understanding: Understanding =
      text && text.length <= MAX_TEXT_LENGTH ? await recognize(text) : { intent: 'none', confidence: 0, entities: {}, text };
    if (facts.keypad) understanding.entities.dtmf = facts.keypad;
    const botId = activity.recipient?.id;
    const members = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
    const joiner = activity.type === 'conversationUpdate' ? members.find((m) => m && m.id !== botId) : undefined;
    return {
      ...facts,
      text,
      understanding,
      account: { channelId: String(activity.channelId ?? 'unknown'), userId: String(joiner?.id ?? activity.from?.id ?? '') },
      conversationId: String(activity.conversation?.id ?? ''),
      peer: requestAddress(),
      joined: Boolean(joiner),
    };
  };
}

type TurnRecognizer = (text: string) => Promise<Understanding>;

function createTurnRecognizer(recognizer: Recognizer, business: Business, clock: Clock): TurnRecognizer {
  const productNames = new Map(
    business.products.flatMap((p) => [p.name, ...p.aliases].map((n) => [n.toLowerCase(), p.name] as const)),
  );
  const products = [...productNames.keys()];
  const hours = openingOn(business);
  return async (text) => {
    const u = await recognizer.recognize(text, {
      timeZone: business.timeZone,
      defaultPhoneRegion: business.defaultPhoneRegion,
      products,
      now: clock.now(),
      locale: business.locale,
      openingOn: hours,
    });
    const found = u.entities.products;
    if (!found?.length) return u;
    const names = [...new Set(found.map((p) => productNames.get(p.toLowerCase()) ?? p))];
    return { ...u, entities: { ...u.entities, products: names } };
  };
}
