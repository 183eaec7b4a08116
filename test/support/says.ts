/**
 * Replies as patterns built from copy.ts: a test names the copy function and its arguments (what
 * the bot decided), so tone and wording change without touching the tests.
 */
import { DateTime } from 'luxon';
import type { Business } from '../../src/domain/business.js';

/** Stands for any words in a copy text given to {@link says}. */
export const ANY = '\u0000';

/**
 * A reply as copy.ts words it, as a pattern: the text itself, with each {@link ANY} matching any
 * words. Tests name the copy function and its arguments (the behaviour), not the wording.
 */
export function says(text: string): RegExp {
  return new RegExp(
    text
      .split(ANY)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('([\\s\\S]+?)'),
  );
}

/** One reply made of parts in this order (copy texts, or patterns for the knowledge's words), as a dialog joins them. */
export const saysParts = (...parts: (string | RegExp)[]): RegExp =>
  new RegExp(parts.map((p) => (typeof p === 'string' ? says(p).source : p.source)).join(' '));

/** Like {@link says}, but the reply must be that text and nothing else. */
export const saysOnly = (text: string): RegExp => new RegExp(`^${says(text).source}$`);

/** The callback window starting at a wall-clock time in the business's zone, as copy.ts `dates.callbackWhen` takes it. */
export function windowAt(business: Business, local: string, asap = false): { start: string; end: string; asap: boolean } {
  const start = DateTime.fromISO(local, { zone: business.timeZone });
  return { start: start.toISO()!, end: start.plus({ minutes: business.callbackWindowMinutes }).toISO()!, asap };
}
