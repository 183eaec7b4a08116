/**
 * What each prompt expects, and whether a message is such an answer. The form dialogs record the
 * expectation of the question they asked; the main dialog reads the next message as that first and
 * only then as an interruption, so "no, don't store my details" answers a yes/no question instead of
 * starting erasure, and "Lucy" answers "who should we ask for?".
 */
import { openingOn } from '../src/domain/schedule/openingOn.js';
import { isOpen } from '../src/domain/schedule/openingHours.js';
import { readChoice, type ChoiceOption } from '../src/domain/understanding/readChoice.js';
import { readName } from '../src/domain/understanding/readName.js';
import { readPhone } from '../src/domain/understanding/readPhone.js';
import { readWhen, type WhenContext } from '../src/domain/understanding/readWhen.js';
import { readYesNo } from '../src/domain/understanding/readYesNo.js';
import type { DialogServices } from './services.js';

export type Expectation =
  { kind: 'date' | 'time' | 'phone' | 'name' | 'yesno' | 'text' } | { kind: 'choice'; options: ChoiceOption[] };

export type ReadContext = WhenContext & { region: string };

/** The clock, zone, opening hours and phone region answers are read in. */
export function readContextOf(services: DialogServices): ReadContext {
  const { business, clock } = services;
  return {
    timeZone: business.timeZone,
    now: clock.now(),
    openingOn: openingOn(business),
    dayFirst: business.locale.toLowerCase() !== 'en-us',
    region: business.defaultPhoneRegion,
  };
}

/** Whether the text is an answer of the expected kind (free text fits only when it is not empty). */
export function fitsExpectation(expect: Expectation | undefined, text: string, ctx: ReadContext): boolean {
  if (!expect || !text.trim()) return false;
  switch (expect.kind) {
    case 'yesno':
      return readYesNo(text) !== undefined;
    case 'date':
    case 'time':
      return readWhen(text, ctx) !== undefined;
    case 'phone':
      return Boolean(readPhone(text, ctx.region).phone);
    case 'name':
      return readName(text, { expecting: true }) !== undefined;
    case 'choice':
      return readChoice(text, expect.options, ctx) !== undefined;
    case 'text':
      return false;
  }
}

/** Whether a person can take over now; out of hours the three-strikes rule offers a callback. */
export function staffAvailable(services: DialogServices): boolean {
  return isOpen(services.business, services.clock.now());
}
