/**
 * Everything the bot says, in one place, so tone and language change without touching logic.
 * Texts are plain sentences; channel rendering (speech, SMS, markdown) happens in src/channels.
 * No text here sells: offers are made only where the customer asked for help or for a next step.
 */
import type { HoursOnDay } from '../src/domain/schedule/hoursOnDay.js';
import type { Business } from '../src/domain/business.js';
import type { Acknowledged } from '../src/domain/consulting/consultTurn.js';
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import { formatPhone } from '../src/domain/phone.js';
import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** "Large celebration cake" reads "large celebration cake" mid-sentence; a brand ("Alder Metro 3") keeps its capitals. */
const midSentence = (name: string): string =>
  name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).length > 1 ? name : name.charAt(0).toLowerCase() + name.slice(1);
const theProducts = (names: string[]): string => list(names.map((n) => `the ${midSentence(n)}`));

/** Why a callback time cannot be booked, said before the alternatives. */
const SLOT_REJECTED: Record<string, string> = {
  past: 'That time has already passed.',
  too_soon: "That's a little too soon for us to arrange.",
  closed_day: "We're closed that day.",
  holiday: "We're closed that day for a holiday.",
  outside_hours: "That's outside our opening hours.",
};

/** Formatters by locale and time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function slotFormatters(locale: string, timeZone: string): { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  const key = `${locale}\u0000${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    };
    // A handful of locales and zones in practice; the bound keeps a stream of odd ones from growing it.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/**
 * Callback windows as said, by locale, zone and instants: a booking says its window in several
 * replies, and `formatRange` costs some twenty times a plain `format` (V8 builds ICU's interval
 * formatter on every call).
 */
const slotsSaid = new LRUCache<string, string>({ max: 512 });

/** A mobile number of the region as people there write it ("0412 345 678" in AU, "(201) 555-0123" in US). */
function examplePhone(region: string): string {
  const example = getExampleNumber(region.toUpperCase() as CountryCode, mobileExamples);
  return example?.formatNational() ?? '+1 201 555 0123';
}

/** A date as the business's locale writes it: "Saturday 12 December" (en-AU), "Saturday, December 12" (en-US). */
const exampleDate = (b: Business): string => dates.day(b, '2026-12-12');

/**
 * A topic as it is read back: "a tune up" as it is; a question the customer asked ("do you have the
 * metro e in stock?") in quotes, without its question mark, so the sentence around it still reads.
 */
function topicSaid(topic: string): string {
  const bare = topic.trim().replace(/[?.!\s]+$/, '');
  const asked =
    /\?\s*$/.test(topic) ||
    /^(?:do|does|did|can|could|is|are|will|would|have|has|how|what|when|where|which|who|why)\b/i.test(bare);
  return asked ? `“${bare}”` : bare;
}

/** Dates and times as the customer reads them: in the business's time zone and locale. */
export const dates = {
  /** "Tuesday 24 November" (en-AU), "Tuesday, November 24" (en-US). */
  day: (b: Business, isoDate: string): string =>
    DateTime.fromISO(isoDate, { zone: b.timeZone })
      .setLocale(b.locale)
      .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' }),
  /** "Tuesday at 9:00 am". */
  weekdayAndTime: (b: Business, at: Date): string =>
    DateTime.fromJSDate(at, { zone: b.timeZone }).setLocale(b.locale).toFormat("cccc 'at' h:mm a"),
  /** A callback window, "Tuesday 24 November, 3:00–3:30 pm" (in `locale`, default the business's). */
  slot: (b: Business, slot: { start: Date; end: Date }, locale: string = b.locale): string => {
    const key = `${locale}\u0000${b.timeZone}\u0000${slot.start.getTime()}\u0000${slot.end.getTime()}`;
    let said = slotsSaid.get(key);
    if (said === undefined) {
      const { day, time } = slotFormatters(locale, b.timeZone);
      // ICU uses thin and narrow no-break spaces; plain spaces survive every channel, and an en dash
      // between the two times reads as a range without them.
      const range = time
        .formatRange(slot.start, slot.end)
        .replace(/[\s\u2009\u202f]+/g, ' ')
        .replace(/ ?– ?/g, '–');
      said = `${day.format(slot.start)}, ${range}`;
      slotsSaid.set(key, said);
    }
    return said;
  },
  /** "9:00 am", in the business's locale and time zone. */
  time: (b: Business, at: Date): string => DateTime.fromJSDate(at, { zone: b.timeZone }).setLocale(b.locale).toFormat('h:mm a'),
  /** When a booked callback is: "on Tuesday 24 November, 3:00–3:30 pm", or "as soon as we can, from …". */
  callbackWhen: (b: Business, slot: { start: string; end: string; asap: boolean }): string => {
    const text = dates.slot(b, { start: new Date(slot.start), end: new Date(slot.end) });
    return slot.asap ? `as soon as we can, from ${text}` : `on ${text}`;
  },
};

export const copy = {
  greeting: (b: Business): string =>
    `Hi, welcome to ${b.name}! I can answer your questions, help you choose if you'd like, or arrange a callback.`,
  greetingBack: (b: Business, name?: string): string =>
    `Welcome back${name ? `, ${name}` : ''}! Ask me anything about ${b.name}, or say "callback" to speak with the team.`,
  help: (b: Business): string =>
    `I can answer questions about ${b.name} from what the team has written down, help you choose when you ask me to, ` +
    `${b.products.length ? 'book a callback from a person, or take an order request' : 'or book a callback from a person'}. ` +
    `You can say "start over" or "cancel" at any time.`,
  thanks: (): string => `You're welcome!`,
  goodbye: (): string => `Thanks for dropping by. Bye for now!`,
  /** First silence or unrecognised speech on a call. */
  silenceReprompt: (): string => `Sorry, I didn't catch that. Could you say it again?`,
  /** Second in a row: offer a person. */
  silenceOfferPerson: (): string =>
    `Sorry, I still couldn't hear you. Would you like to speak with a person from our team? Say yes, or press 1.`,
  empty: (): string => `I didn't get any text there. What would you like to know?`,
  tooLong: (max: number): string =>
    `That's a lot to take in at once (over ${max} characters). Could you ask me in a sentence or two?`,
  unsupported: (): string => `I can only read text messages here. What would you like to know?`,
  /** Asked whether it is a bot: plainly yes, what it can do, and the offer of a person. */
  identity: (b: Business): string =>
    `I'm ${b.name}'s virtual assistant, not a person. I answer from ${b.name}'s own information, and I can arrange a callback or put you through to someone from the team. Would you like to talk to a person?`,
  answer: (text: string, source: string): string => `${text}\n\nSource: ${source}`,
  /** "how much?" with no topic: the price of what, with what the knowledge covers. */
  priceOfWhat: (topics: string[]): string =>
    `Happy to help with prices. What would you like the price of?` +
    (topics.length ? ` For example: ${list(topics.map((t) => midSentence(t)))}.` : ''),
  /** "What do you sell?" from business.yaml's products. */
  catalogue: (products: string[]): string =>
    `This is what you can order from us:\n${products.map((p) => `- ${p}`).join('\n')}\nAsk me about any of them.`,
  catalogueSource: (b: Business): string => `${b.name}'s product list`,
  /** Products in price order, each in its passage's words. */
  priceOrder: (order: 'cheapest' | 'dearest', lines: string[]): string =>
    `${order === 'cheapest' ? 'From the lowest price:' : 'From the highest price:'}\n${lines.map((l) => `- ${l}`).join('\n')}`,
  /** One day's opening hours, from the business's hours and holidays. */
  hoursOnDay: (b: Business, h: HoursOnDay): string => {
    const day = dates.day(b, h.date);
    const named = h.relative === 'today' ? `Today, ${day},` : h.relative === 'tomorrow' ? `Tomorrow, ${day},` : `On ${day}`;
    let text: string;
    if (h.intervals.length === 0) text = `We're closed on ${day}${h.holiday ? ' (a public holiday)' : ''}.`;
    else {
      const spans = h.intervals.map((i) => `${dates.time(b, i.start)} to ${dates.time(b, i.end)}`);
      text =
        h.nextOpening && h.relative === 'today'
          ? `We closed at ${dates.time(b, h.intervals[h.intervals.length - 1]!.end)} today.`
          : `${named} we're open ${list(spans)}.`;
    }
    if (h.nextOpening) text += ` We open again ${dates.weekdayAndTime(b, h.nextOpening)}.`;
    return copy.answer(text, `${b.name} opening hours`);
  },
  /** One part of an answer to a message with several questions. */
  answerPart: (text: string, source: string): string => `${text}\n(Source: ${source})`,
  /** The customer's words are not echoed: a part may be an attempt to make the bot say something. */
  unknownPart: (): string => `One part of your message I can't answer: it isn't in the information I have.`,
  unknown: (): string => `${copy.unknownNoOffer()} Would you like someone from our team to call you back about it?`,
  /** Not known, inside a dialog that is already booking a callback: nothing is offered. */
  unknownNoOffer: (): string => `I'm sorry, I don't know that: it isn't in the information I have.`,
  /** A yes/no question about one item of a listed answer: "Yes — " and that item. */
  yesItem: (item: string): string => `Yes — ${item}`,
  /** A listed answer read out on the phone: "Intro: a; b; and c." */
  spokenList: (items: string[]): string =>
    items.length > 1 ? `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1]}` : (items[0] ?? ''),
  /** The labels of a yes/no question's choices (buttons, or numbers, by channel). */
  yesNoChoices: (): string[] => ['Yes', 'No'],
  browsing: (): string => `Of course, take your time. I'm here if you have a question.`,
  turnError: (): string => `Sorry, something went wrong on my side. Could you say that again?`,
  storeTrouble: (phone?: string): string =>
    `Sorry, we're having trouble saving that right now — please try again in a minute` + (phone ? `, or call ${phone}.` : `.`),
  /** Another message of the conversation is still being answered and this one could not wait. */
  stillWorking: (): string => `One moment — I'm still on your last message. Could you send that again in a few seconds?`,
  offerDeclined: (): string => `No problem. I'm here if you need anything.`,
  noOffer: (): string => `Sure. What can I help you with?`,
  nothingToCancel: (): string => `There's nothing in progress to cancel. What would you like to know?`,
  cancelled: (): string => `OK, I've stopped that. What would you like to do instead?`,
  restarted: (): string => `Sure, let's start over. What can I help you with?`,
  stuck: (): string => `I'm sorry, I'm not getting this right. Would you like a person from our team to help you instead?`,
  /** Three failed answers out of opening hours: nobody can take over now, so a callback is offered. */
  stuckClosed: (): string =>
    `I'm sorry, I'm not getting this right. The team is away right now: would you like someone to call you back when we're open?`,
  didNotCatch: (): string => `Sorry, I didn't catch that.`,
  /** A message with no words or numbers ("???", emoji). */
  nothingToRead: (): string => `Sorry, I didn't catch that. What can I help you with?`,
  /**
   * One short sentence saying what a prompt needs, with an example in the business's own conventions:
   * a phone number of its region, a date in its locale.
   */
  needed: (slot: string, b: Business): string =>
    ({
      name: `I just need a name to ask for, for example "Sam" or "Sam Lee".`,
      phone: `I need a phone number, for example "${examplePhone(b.defaultPhoneRegion)}".`,
      confirmPhone: `Please answer yes or no: shall we use that number?`,
      time: `I need a day and time for the call, for example "tomorrow afternoon", "Friday 10am" or "as soon as possible".`,
      date: `I need the date you'd like it for, for example "${exampleDate(b)}" or "the 18th".`,
      fulfilment: `Will you pick it up or would you like it delivered? For example "pickup" or "delivery".`,
      address: `I need the delivery address: the street number and street, and the suburb or town.`,
      product: `I need to know which item you'd like.`,
      topic: `In a few words, what would you like to talk about?`,
      change: `Tell me what to change, for example "the time" or "change the name to Sam".`,
    })[slot] ?? `Sorry, I didn't catch that.`,
  askTimeOnDay: (day: string): string => `What time on ${day} suits you? For example "10am" or "after lunch".`,
  firstSlotInWindow: (slot: string): string => `The first time we have free in that window is ${slot}.`,
  /** A time that cannot be booked: why (the reason code from the scheduling rules), then the nearest valid ones. */
  slotRejected: (reason: string): string => SLOT_REJECTED[reason] ?? '',
  cannotMoveThere: (): string => `I can't move it to that time.`,
  // Existing records
  recordsFound: (lines: string[]): string =>
    `Here's what I have for you: ${lines.join('; ')}. You can say "cancel" with the reference, or "move it to" a new time.`,
  noRecords: (): string =>
    `I can't find an open callback or order request for you in this conversation. Would you like to book one?`,
  recordNotFound: (ref: string): string => `I can't find an open callback or order request with reference ${ref}.`,
  callbackRecord: (ref: string, when: string): string => `a callback ${when} (reference ${ref})`,
  orderRecord: (b: Business, ref: string, items: string, isoDate: string): string =>
    `an order request for ${items} on ${dates.day(b, isoDate)} (reference ${ref})`,

  // Callbacks
  askName: (): string => `Who should we ask for when we call?`,
  askPhone: (): string => `What's the best number to call you on?`,
  askPhoneKeypad: (): string => `What's the best number to call you on? You can say it, or key it in and press hash.`,
  confirmCallerNumber: (spoken: string): string => `Shall we call you back on the number you're calling from, ${spoken}?`,
  confirmKnownNumber: (spoken: string): string => `Shall we call you on ${spoken}, as before?`,
  invalidPhone: (raw: string): string =>
    `"${raw}" doesn't look like a complete phone number. Could you type it again, with the area code (or + and the country code for a number abroad)?`,
  askTime: (): string => `When would suit you for the call? You can say a day and time, or "as soon as possible".`,
  /** The topic of a call about nothing in particular. */
  generalTopic: (): string => `a general enquiry`,
  askTopic: (): string => `What would you like to talk about, in a few words?`,
  /** The topic of a callback asked for instead of a person (read back to the customer, read by the team). */
  personTopic: (): string => `Talk to a person`,
  timeAlternatives: (reason: string, options: string[]): string =>
    `${reason} The nearest times I can offer are ${list(options)}. Which suits you, or is there another time?`,
  timeTooFar: (): string => `That's further ahead than we book callbacks. Could you pick a time within the next three months?`,
  callbackSummary: (name: string, phone: string, when: string, topic: string): string =>
    `So that's a callback for ${name} on ${phone}, ${when}, about ${topicSaid(topic)}. Shall I book it?`,
  consent: (b: Business): string =>
    `To do that I'll keep your name and contact details at ${b.name}, used only to get back to you about your enquiries. Is that OK?`,
  /** A letter's read-back: the details and the consent question, answered by one "yes". */
  readBackWithConsent: (summary: string, b: Business): string =>
    `${summary}\n\nTo book it I'll keep your name and contact details at ${b.name}, used only to get back to you about your enquiries. A "yes" confirms the details and that this is OK.`,
  consentDeclined: (b: Business): string =>
    `Understood, I won't keep your details.${b.staffPhone ? ` You can call us during opening hours on ${formatPhone(b.staffPhone, b.defaultPhoneRegion)}.` : ''} Anything else I can help with?`,
  callbackBooked: (ref: string, when: string): string =>
    `Done! We'll call you ${when}. Your reference is ${ref}, in case you need to change or cancel it.`,
  whatToChange: (): string => `What should I change: the name, the number, the time or the topic?`,
  callbackCancelled: (ref: string): string => `Your callback ${ref} is cancelled.`,
  callbackNotFound: (ref: string): string =>
    `I couldn't find an open callback with the reference ${ref} booked from this chat. Could you check the code? ` +
    `If you booked it another way, send the code together with the phone number on the booking.`,
  tooManyReferenceTries: (b: Business): string =>
    `That's a few codes that didn't match, so I've paused changes by reference for now. ` +
    `Please try again in a little while${b.staffPhone ? `, or call us on ${b.staffPhone}` : ''}.`,
  callbackMoved: (ref: string, when: string): string => `Done, callback ${ref} is now ${when}.`,
  whichCallback: (): string => `Which callback should I change? Please give me its reference code.`,
  askNewTime: (): string => `What time should I move it to?`,

  // Orders
  /** After an answer to "is it in stock?": what is on the shelf today is not in the knowledge. */
  stockUnknown: (): string =>
    `I can't see today's stock from here, so I can't promise it's on the shelf. Would you like the team to check and call you back?`,
  /** The business takes no order requests in chat (no products in business.yaml). */
  noOrders: (): string =>
    `I can't take orders or bookings in this chat, but our team can help. Would you like someone to call you back about it?`,
  buyingTopic: (item: string): string => (item ? `buying ${item}` : `buying something`),
  askProduct: (products: string[]): string => `What would you like to order? We have ${list(products)}.`,
  askQuantity: (product: string): string => `How many ${product.toLowerCase()} would you like?`,
  /** "1 × Large celebration cake (Double chocolate), 2 × Cupcakes". */
  orderItems: (items: readonly { quantity: number; product: string; options?: readonly string[] }[]): string =>
    items.map((i) => `${i.quantity} × ${i.product}${i.options?.length ? ` (${i.options.join(', ')})` : ''}`).join(', '),
  /** How the order reaches the customer, as the read-back says it. */
  fulfilment: (how: 'delivery' | 'pickup', address?: string): string =>
    how === 'delivery' ? `delivered to ${address}` : 'for pickup from the shop',
  /** The topic of the callback that confirms an order request (read by the team). */
  orderCallbackTopic: (items: string, isoDate: string): string => `Confirm order request: ${items} for ${isoDate}`,
  askDate: (): string => `What date do you need it for?`,
  askFulfilment: (): string => `Would you like it delivered, or will you pick it up?`,
  /** A value said before and changed since, said back: "Got it: Saturday 19 December." */
  changedTo: (what: string): string => `Got it: ${what.replace(/^on /, '')}.`,
  askAddress: (): string => `What's the delivery address, including the suburb?`,
  orderTooSoon: (product: string, hours: number, earliest: string): string =>
    `The ${product.toLowerCase()} ${/[^s]s$/i.test(product) ? 'need' : 'needs'} at least ${hours} hours' notice, so the earliest date is ${earliest}. What date would work?`,
  /** "Whenever" for an order: the earliest date its notice allows, taken. */
  earliestTaken: (date: string): string => `The earliest we can have it ready is ${date}, so I've put that down.`,
  orderPastDate: (): string => `That date has already passed. What date do you need it for?`,
  areaNotServed: (note?: string): string =>
    `I couldn't find that suburb in our delivery areas. ${note ?? ''} Would you like to give another address, or pick it up?`.replace(
      /\s+/g,
      ' ',
    ),
  unknownProduct: (product: string, products: string[]): string =>
    `I'm not sure we make "${product}". We have ${list(products)}. Which would you like?`,
  orderSummary: (items: string, date: string, fulfilment: string, name: string, phone: string): string =>
    `So that's ${items} for ${date}, ${fulfilment}. A manager will call ${name} on ${phone} to confirm it and take payment. Shall I send the request?`,
  /** `when` is the confirming callback's time, when one could be booked. */
  orderPlaced: (ref: string, when: string | undefined): string =>
    `Your order request is in, reference ${ref}. A manager will call you ${when ?? 'soon'} to confirm the details and payment. Nothing is charged until then.`,

  // Consulting (L.A.M.A.)
  adviceStart: (): string => `Happy to help you choose.`,
  /** The facts just heard, reflected back: "A birthday, now for about 45 people: got it." */
  acknowledge: ({ told, corrected }: Acknowledged): string => {
    const text = [told, corrected && `now ${corrected}`].filter(Boolean).join(', ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}: got it.`;
  },
  adviceEnd: (): string => `Of course. I'm here if you want to pick it up again.`,
  nextStep: (b: Business): string =>
    b.products.length
      ? `If you'd like, I can arrange a callback from our team or take an order request, or you can keep asking me anything.`
      : `If you'd like, I can arrange a callback from our team, or you can keep asking me anything.`,
  suggest: (names: string[], because?: string): string =>
    `${because ? `For ${because.replace(/^for\s+/i, '')}` : 'Based on that'}, I'd suggest ${theProducts(names)}.`,
  setAside: (preference: string): string => `It isn't listed for ${preference}, but nothing that is meets all your must-haves.`,
  /** After a suggestion to a customer who came to buy: the order request, for the one or which one. */
  orderWhich: (products: string[]): string =>
    products.length === 1
      ? `Shall I take an order request for the ${midSentence(products[0]!)}?`
      : `Which would you like: ${theProducts(products)}? I can take the order request from there.`,
  stillSuggest: (names: string[]): string => `That still points to ${theProducts(names)}.`,
  /** A sentence quoted from the knowledge, with where it is from. */
  cited: (text: string, source: string): string => `${text} (Source: ${source})`,
  nothingFits: (): string =>
    `I'm sorry, nothing we offer fits all of that, and I'd rather tell you than suggest something that doesn't. Would you like a person from our team to help?`,
  adviceClose: (): string => `Glad I could help. I'm here if you need anything else.`,
  noConsultation: (): string =>
    `I can't advise on choosing here myself, but a person from our team can. Would you like one to help you, or to call you back?`,

  // Forget me
  forgetConfirm: (b: Business): string =>
    `Do you want me to erase everything ${b.name} holds about you from this chat: your contact details, callbacks, order requests and conversation records? This can't be undone.`,
  forgotten: (): string => `Done. I've erased your details and this conversation's records.`,
  forgetKept: (): string => `OK, I haven't erased anything.`,

  // Hand-off
  handoffStarted: (): string => `I'm connecting you with a person from our team now. Please stay in this chat.`,
  transferStarted: (): string => `I'm transferring your call to our team now. Please hold.`,
  handoffFailed: (): string => `I'm sorry, nobody from the team could take the chat just now. Would you like a callback instead?`,
  handoffOutOfHours: (nextOpen?: string): string =>
    `Our team isn't available right now${nextOpen ? ` (we're back ${nextOpen})` : ''}. Would you like a callback instead?`,
  handoffEnded: (): string => `You're back with the bot. Anything else I can help with?`,
};
