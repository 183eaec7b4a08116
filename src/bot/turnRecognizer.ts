/**
 * Recognises one message in the business's context (time zone, phone region, products) and maps
 * product aliases to the product's name, so dialogs only ever see canonical names.
 */
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import type { Recognizer, Understanding } from '../domain/understanding/types.js';

export type TurnRecognizer = (text: string) => Promise<Understanding>;

export function createTurnRecognizer(recognizer: Recognizer, business: Business, clock: Clock): TurnRecognizer {
  const productNames = new Map(
    business.products.flatMap((p) => [p.name, ...p.aliases].map((n) => [n.toLowerCase(), p.name] as const)),
  );
  const products = [...productNames.keys()];
  return async (text) => {
    const u = await recognizer.recognize(text, {
      timeZone: business.timeZone,
      defaultPhoneRegion: business.defaultPhoneRegion,
      products,
      now: clock.now(),
      locale: business.locale,
    });
    const found = u.entities.products;
    if (!found?.length) return u;
    const names = [...new Set(found.map((p) => productNames.get(p.toLowerCase()) ?? p))];
    return { ...u, entities: { ...u.entities, products: names } };
  };
}
