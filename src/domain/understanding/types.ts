/**
 * What the bot understood from one message: an intent, how sure it is, and the facts (entities) it
 * found. Both the offline recognizer and a language-model recognizer produce this shape, so dialogs
 * never care which one ran.
 */

export const INTENTS = [
  'question',
  'advice',
  'callback',
  'human',
  'identity',
  'order',
  'browsing',
  'cancel',
  'restart',
  'help',
  'forget_me',
  'greeting',
  'thanks',
  'goodbye',
  'affirm',
  'deny',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Entities {
  /** A valid phone number (libphonenumber-js, default region from the context). */
  phone?: { e164: string; raw: string };
  /** Something that looks like a phone number attempt but is not a valid number. */
  invalidPhone?: string;
  email?: string;
  /** "I'm Dana", "my name is Dana Smith", "this is Dana", "Dana here", "name's Dana". */
  name?: string;
  /**
   * ISO 8601 with the business time zone's offset. "as soon as possible", "asap", "now", "right away"
   * give asap: true and start = now.
   */
  when?: {
    start: string;
    end?: string;
    text: string;
    asap: boolean;
    hasTime: boolean;
    /** A window ("tomorrow afternoon"): book the first open slot between start and end. */
    window?: boolean;
    /** Whether a day was named (false for "10am", read as today or tomorrow). */
    dateSaid?: boolean;
  };
  /** "2 cakes", "a dozen cupcakes" (12), "three". */
  quantity?: number;
  /** "for 20 people", "feeds 30", "20 guests", "about 15 kids". */
  servings?: number;
  /** Canonical names from context.products mentioned in the text. */
  products?: string[];
  /** "under $100", "budget is 80 dollars". currency is set only when the text names it (AUD, US$, €, £). */
  budget?: { amount: number; currency?: string };
  /**
   * A 6-character reference code such as "K7M2QD" (letters and digits, at least one of each),
   * always upper-cased. With intent 'cancel' it means "cancel the callback with this reference";
   * the dialog layer uses its presence to tell that apart from cancelling the current dialog.
   */
  refCode?: string;
  /** Keypad digits; filled by voice channels, never by the recognizers. */
  dtmf?: string;
}

export interface Understanding {
  intent: Intent;
  /** 0..1; rules give ~0.9 for explicit phrasings, less for fallbacks and typo-corrected matches. */
  confidence: number;
  entities: Entities;
  text: string;
  /** L.A.M.A. "listen" facts in the customer's words; only a language-model recognizer fills it. */
  listened?: ListenedFacts;
}

/** Needs a language model heard that rules may miss ("my nan's 80th" is an occasion). */
interface ListenedFacts {
  occasion?: string;
  dietary?: string;
  /** A taste, style or other preference the customer states. */
  preference?: string;
  fulfilment?: 'delivery' | 'pickup';
}

export interface RecognizerContext {
  /** IANA time zone of the business; dates and times are read in it. */
  timeZone: string;
  /** ISO 3166 region for phone numbers written without a country code. */
  defaultPhoneRegion: string;
  /**
   * Canonical product names, e.g. from the knowledge base; their words are also the words that name a
   * product in intents and quantities ("can I get two …", "one …", see productWords.ts).
   */
  products: string[];
  now: Date;
  locale?: string;
  /** Opening intervals (HH:MM) on a local date, so an hour without am/pm takes the open reading. */
  openingOn?: (isoDate: string) => Array<{ from: string; to: string }>;
}

/** The port both the offline recognizer and (later) a language model implement. */
export interface Recognizer {
  recognize(text: string, context: RecognizerContext): Promise<Understanding>;
}
