/** What the evaluation asks of an implementation: one reader per slot type, at a given clock. */
import type { ExpectedTime } from './corpus.js';

export interface EvalContext {
  now: Date;
  timeZone: string;
  region: string;
  /** The sample bakery's opening intervals on a local date (HH:MM). */
  openingOn: (isoDate: string) => Array<{ from: string; to: string }>;
  /** False for en-US entries (8/10 is August 10). */
  dayFirst: boolean;
}

export interface ReadTime {
  date?: string;
  from?: string;
  to?: string;
  asap?: boolean;
}

export interface SlotReaders {
  name: string;
  date(text: string, ctx: EvalContext): string | undefined;
  time(text: string, ctx: EvalContext): ReadTime | undefined;
  phone(text: string, ctx: EvalContext): { phone?: string; invalid?: boolean };
  person(text: string, ctx: EvalContext): string | undefined;
  yesno(text: string, ctx: EvalContext): boolean | undefined;
  choice(text: string, choices: string[], ctx: EvalContext): number | undefined;
  /** With a form that holds `slots`, which slot the message changes and to what. */
  correction(text: string, slots: string[], ctx: EvalContext): ({ slot: string; value?: string | number } & ReadTime) | undefined;
  several(text: string, ctx: EvalContext): { name?: string; phone?: string; time?: ReadTime };
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * A time matches when the day agrees (if one is expected) and: asap for asap; for a window, both ends
 * within an hour (parts of the day have no exact edges); for a single time, the same minute.
 */
export function timeMatches(expected: ExpectedTime, got: ReadTime | undefined): boolean {
  if (!got) return false;
  if (expected.asap) return got.asap === true;
  if (got.asap) return false;
  if (expected.date && got.date !== expected.date) return false;
  if (!expected.from) return true;
  if (!got.from) return false;
  if (expected.to) {
    if (!got.to) return false;
    return Math.abs(minutes(got.from) - minutes(expected.from)) <= 60 && Math.abs(minutes(got.to) - minutes(expected.to)) <= 60;
  }
  return got.from === expected.from;
}
