/**
 * Issue 11 over /api/messages on the sample bakery: every prompt reads its answer as what it expects
 * (dates, times and windows, yes/no, names, phones, choices), corrections, several slots at once,
 * record look-ups and the three-strikes rule. One table row is one conversation; the clock is fixed
 * on Tuesday 1 December 2026 in Sydney, at 10:00 (open) or 19:30 (closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import { join } from 'node:path';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import { ANY, says, saysOnly, windowAt } from '../support/says.js';
import { REPO, startTestBot, texts, type TestBot, type TestConversation } from '../support/testBot.js';

const OPEN = new Date('2026-12-01T10:00:00+11:00');
const CLOSED = new Date('2026-12-01T19:30:00+11:00');

type Turn = [string, RegExp];
interface Row {
  name: string;
  closed?: boolean;
  turns: Turn[];
  /** Checks on the stores after the conversation. */
  after?: (bot: TestBot, convo: TestConversation) => Promise<void>;
}

async function talk(convo: TestConversation, turns: Turn[]): Promise<string[]> {
  const said: string[] = [];
  for (const [text, expected] of turns) {
    const reply = texts(await convo.say(text)).join('\n');
    expect(reply, `after "${text}"`).toMatch(expected);
    said.push(reply);
  }
  return said;
}

// copy.ts words the replies: the patterns name the copy function, for the sample bakery.
const BAKERY = await loadBusiness(join(REPO, 'knowledge'));
const ASK_NAME = says(copy.askName());
const ASK_PHONE = says(copy.askPhone());
const ASK_TOPIC = says(copy.askTopic());
const ASK_TIME = says(copy.askTime());
const CONSENT = says(copy.consent(BAKERY));
const BOOKED = new RegExp(`^${says(copy.callbackBooked(ANY, ANY)).source}`);
const DECLINED = saysOnly(copy.consentDeclined(BAKERY));
const PERSON = says(copy.stuck());
const summary = (when: string): RegExp => new RegExp(`So that's a callback for .*, (?:on )?${when}, about .*Shall I book it\\?`);

/** A callback asked for with `first`, then name, number and topic; the read-back names `when`. */
const callback = (first: string, when: string, closed = false): Row => ({
  name: `when the callback time is "${first}"${closed ? ' out of hours' : ''}, then it is read back as ${when}`,
  closed,
  turns: [
    [first, ASK_NAME],
    ['Dana', ASK_PHONE],
    ['0412 345 678', ASK_TOPIC],
    ['a birthday order', summary(when)],
  ],
});

/** An order request for a large cake with `date` as the answer to the date prompt. */
const orderOn = (date: string, readBack: string): Row => ({
  name: `when the order date is "${date}", then it is read back as ${readBack}`,
  turns: [
    ['I want to order a large cake', /What date do you need it for\?/],
    [date, /delivered, or will you pick it up/],
    ['pick up', ASK_NAME],
    ['Sam', ASK_PHONE],
    ['0412 345 678', new RegExp(`for ${readBack}, for pickup from the shop`)],
  ],
});

/** Up to the consent question, then `answer`. */
const consent = (answer: string, expected: RegExp): Row => ({
  name: `when the consent answer is "${answer}", then it is understood`,
  turns: [
    ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
    ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
    ['yes', CONSENT],
    [answer, expected],
  ],
});

const ROWS: Row[] = [
  // Windows and times as customers write them.
  callback('call me back tomorrow afternoon', 'Wednesday 2 December, 12:00–12:30 pm'),
  callback('can someone call me tomorrow arvo', 'Wednesday 2 December, 12:00–12:30 pm'),
  callback('callback thursday after lunch', 'Thursday 3 December, 1:00–1:30 pm'),
  callback('call me half past 2 tomorrow', 'Wednesday 2 December, 2:30–3:00 pm'),
  callback('call back wed 11ish', 'Wednesday 2 December, 11:00–11:30 am'),
  callback('call me saturday 9', 'Saturday 5 December, 9:00–9:30 am'),
  callback('call me back at 3', 'Wednesday 2 December, 3:00–3:30 pm', true),
  callback('please call me at 10am', 'Wednesday 2 December, 10:00–10:30 am', true),
  callback('callback asap', 'as soon as we can, from Wednesday 2 December, 9:00–9:30 am', true),
  callback('call me on the 10th at 2', 'Thursday 10 December, 2:00–2:30 pm'),
  callback('call me back between 2 and 4:30pm tomorrow', 'Wednesday 2 December, 2:00–2:30 pm'),
  callback('callback this arvo', 'Tuesday 1 December, 12:00–12:30 pm'),
  {
    name: 'when a window is given, then the first open slot inside it is booked and named',
    turns: [
      [
        'call me back tomorrow afternoon',
        says(
          copy.firstSlotInWindow(
            dates.slot(BAKERY, {
              start: new Date(windowAt(BAKERY, '2026-12-02T12:00').start),
              end: new Date(windowAt(BAKERY, '2026-12-02T12:00').end),
            }),
          ),
        ),
      ],
    ],
  },
  {
    name: 'when only a day is given, then the time on that day is asked, and "10am" is that day',
    turns: [
      ['could i get a call back next friday', ASK_NAME],
      ['Lucy', ASK_PHONE],
      ['0412 345 678', says(copy.askTimeOnDay(dates.day(BAKERY, '2026-12-11')))],
      ['10am', ASK_TOPIC],
      ['about a cake', summary('Friday 11 December, 10:00–10:30 am')],
    ],
  },
  {
    name: 'when the topic prompt gets a time, then it is the time, not the topic',
    turns: [
      ['call me tomorrow at 11', ASK_NAME],
      ['Lucy', ASK_PHONE],
      ['0412 345 678', ASK_TOPIC],
      ['actually make it 4pm', ASK_TOPIC],
      ['wedding order', summary('Wednesday 2 December, 4:00–4:30 pm')],
    ],
  },
  {
    name: 'when a Sunday is asked for, then alternatives are offered and "the second one" picks one',
    turns: [
      ['callback sunday at 10am', says(copy.timeAlternatives(copy.slotRejected('closed_day'), [ANY]))],
      ['the second one', ASK_NAME],
    ],
  },

  // Corrections and several slots at once.
  {
    name: 'when the read-back is corrected with "actually make it 4pm", then it is read back again at 4pm',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ['actually make it 4pm', summary('Wednesday 2 December, 4:00–4:30 pm')],
      ['yes', CONSENT],
      ['yes', /We'll call you on Wednesday 2 December, 4:00–4:30 pm/],
    ],
    async after(bot, convo) {
      const [booked] = await bot.app.stores.callbacks.findBy('conversationId', convo.id);
      expect(booked).toMatchObject({ name: 'Lucy', phone: '+61412987654', dueAt: '2026-12-02T05:00:00.000Z' });
    },
  },
  {
    name: 'when the read-back is corrected with "change the name to Sam", then Sam is read back',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ['change the name to Sam', /callback for Sam on 0412 987 654/],
    ],
  },
  {
    name: 'when the read-back is corrected with a new number, then the new number is read back',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ["my number's wrong, it's 0413 222 333", /callback for Lucy on 0413 222 333/],
    ],
  },
  {
    name: 'when name, number and time come in one message, then only the topic is asked',
    turns: [['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC]],
  },
  {
    name: 'when a name and a number are given unprompted, then they start a callback and are kept',
    turns: [['Noah Brown, 0444 666 777', ASK_TIME]],
  },
  {
    name: 'when an order read-back is corrected with "make it 3 dozen", then 36 are read back',
    turns: [
      ['I want to order cupcakes for the 18th, pickup', ASK_NAME],
      ['Sam', ASK_PHONE],
      ['0412 345 678', /1 × Cupcakes for Friday 18 December/],
      ['make it 3 dozen', /36 × Cupcakes for Friday 18 December/],
    ],
  },
  {
    name: 'when an order date is corrected with "sorry, I meant Friday", then Friday is read back',
    turns: [
      ['I want to order cupcakes for the 18th, pickup', ASK_NAME],
      ['Sam', ASK_PHONE],
      ['0412 345 678', /Friday 18 December/],
      ['sorry, I meant Friday', /Cupcakes for Friday 4 December/],
    ],
  },

  // Orders with a day of the month.
  orderOn('dec 18', 'Friday 18 December'),
  orderOn('december 18', 'Friday 18 December'),
  orderOn('jan 10', 'Sunday 10 January'),
  orderOn('the 10th', 'Thursday 10 December'),
  orderOn('saturday week', 'Saturday 12 December'),
  {
    name: 'when an order names "saturday the 12th" and pickup in one message, then Saturday 12 December is read back',
    turns: [
      ["I'd like to order a medium chocolate cake for saturday the 12th, pickup", ASK_NAME],
      ['Dana', ASK_PHONE],
      ['0412 345 678', /Medium celebration cake \(Double chocolate\) for Saturday 12 December, for pickup/],
    ],
  },
  {
    name: 'when the pickup question is answered "I\'ll come and get it", then it is pickup',
    turns: [
      ['I want to order a large cake for the 18th', /delivered, or will you pick it up/],
      ["I'll come and get it", ASK_NAME],
    ],
  },

  // Yes and no as customers write them; declining consent.
  consent('yes, I agree', BOOKED),
  consent('I agree', BOOKED),
  consent('y', BOOKED),
  consent('sure thing', BOOKED),
  consent('👍', BOOKED),
  consent('nah', DECLINED),
  {
    name: 'when the read-back gets "no, don\'t store my details", then consent is declined and nothing is kept',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ["no, don't store my details", DECLINED],
    ],
    async after(bot, convo) {
      expect(await bot.app.stores.customers.findBy('channelAccounts', `test|${convo.userId}`)).toEqual([]);
      expect(await bot.app.stores.callbacks.findBy('conversationId', convo.id)).toEqual([]);
    },
  },
  {
    name: 'when the consent question gets "no, don\'t store my details", then consent is declined, not erasure',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ['yes', CONSENT],
      ["no, don't store my details", DECLINED],
    ],
  },

  // Three strikes at every prompt.
  {
    // Other answers are kept (they fill their own slots) and the date is asked again; the same answers
    // again learn nothing, and three of those offer a person.
    name: 'when the order date prompt gets other answers, then they are kept, and three that add nothing offer a person',
    turns: [
      ['I want to order a large cake', says(copy.askDate())],
      ['pick up', says(copy.askDate())],
      ['Sam', says(copy.needed('date', BAKERY))],
      ['pick up', says(copy.needed('date', BAKERY))],
      ['Sam', PERSON],
    ],
  },
  {
    name: 'when the name prompt gets no name three times, then a person is offered',
    turns: [
      ['call me back tomorrow at 11', ASK_NAME],
      ['not sure', says(copy.needed('name', BAKERY))],
      ['no', says(copy.needed('name', BAKERY))],
      ['not sure', PERSON],
    ],
  },
  {
    name: 'when the phone prompt gets a broken number three times, then a person is offered',
    turns: [
      ['call me back tomorrow at 11', ASK_NAME],
      ['Dana', ASK_PHONE],
      ['0412 345', says(copy.invalidPhone('0412 345'))],
      ['0412 345', says(copy.invalidPhone('0412 345'))],
      ['0412 345', PERSON],
    ],
  },
  {
    name: 'when the consent question gets no answer three times, then a person is offered',
    turns: [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ['yes', CONSENT],
      ['hmm', CONSENT],
      ['let me think', CONSENT],
      ['maybe', PERSON],
    ],
  },
  {
    name: 'when a prompt is stuck out of hours, then a callback is offered instead of a person, and yes starts it',
    closed: true,
    turns: [
      ['I want to order a large cake', says(copy.askDate())],
      ['pick up', says(copy.askDate())],
      ['not sure', says(copy.needed('date', BAKERY))],
      ['no idea', says(copy.needed('date', BAKERY))],
      ['pick up', says(copy.stuckClosed())],
      ['yes', ASK_NAME],
    ],
  },

  // Interruptions and side questions still work at a prompt.
  {
    name: 'when a question is asked at the time prompt, then it is answered and the time asked again',
    turns: [
      ['call me back', ASK_NAME],
      ['Dana', ASK_PHONE],
      ['0412 345 678', ASK_TIME],
      ['are you open on saturday?', new RegExp(`Saturday from 8 am to 1 pm[\\s\\S]*${ASK_TIME.source}`)],
    ],
  },
  {
    name: 'when "cancel" is said at the name prompt, then the booking stops',
    turns: [
      ['call me back tomorrow at 11', ASK_NAME],
      ['cancel', saysOnly(copy.cancelled())],
    ],
  },
];

/** At the name prompt, a name made of common words is a name; an answer that is not one is not taken. */
const nameAtPrompt = (name: string): Row => ({
  name: `when the name given at the name prompt is "${name}", then the callback is for ${name}`,
  turns: [
    ['call me back tomorrow at 11', ASK_NAME],
    [name, ASK_PHONE],
    ['0412 345 678', ASK_TOPIC],
    ['a birthday order', new RegExp(`So that's a callback for ${name} on 0412 345 678, `)],
  ],
});
ROWS.push(nameAtPrompt('Nguyen Van An'), nameAtPrompt('Will Smith'), nameAtPrompt('Mark Price'), {
  name: 'when "idk" is the answer at the name prompt, then it is not taken as a name',
  turns: [
    ['call me back tomorrow at 11', ASK_NAME],
    ['idk', /name/i],
    ['Grace', ASK_PHONE],
  ],
});

/** Look-ups need a booking first; each row books one and then asks about it. */
const LOOKUPS: Array<{ name: string; ask: (ref: string) => string; expected: (ref: string) => RegExp }> = [
  {
    name: 'when asked "do I have a callback booked?", then the open callback is read back with its reference',
    ask: () => 'do I have a callback booked?',
    expected: (ref) => says(copy.callbackRecord(ref, dates.callbackWhen(BAKERY, windowAt(BAKERY, '2026-12-02T14:00')))),
  },
  {
    name: 'when asked "when is my callback?", then it is read back',
    ask: () => 'when is my callback?',
    expected: (ref) => new RegExp(`Wednesday 2 December[\\s\\S]*${ref}[\\s\\S]*cancel`),
  },
  {
    name: 'when the reference is sent alone, then that callback is read back',
    ask: (ref) => ref,
    expected: (ref) => new RegExp(`reference ${ref}`),
  },
  {
    name: 'when the reference is in a sentence, then that callback is read back',
    ask: (ref) => `my reference is ${ref}`,
    expected: (ref) => says(copy.recordsFound([copy.callbackRecord(ref, ANY)])),
  },
  {
    name: 'when the reference is read back and then cancelled, then it is cancelled',
    ask: (ref) => `cancel ${ref}`,
    expected: (ref) => saysOnly(copy.callbackCancelled(ref)),
  },
];

/** Moves of a booked callback (Wednesday 2 December, 2:00 pm), read like any other time. */
const MOVES: Array<{ name: string; ask: (ref: string) => string; expected: (ref: string) => RegExp; dueAt: string }> = [
  {
    name: 'when asked "move <REF> to friday 3pm", then the callback moves to Friday 3:00 pm',
    ask: (ref) => `move ${ref} to friday 3pm`,
    expected: (ref) => new RegExp(`Done, callback ${ref} is now on Friday 4 December, 3:00–3:30 pm`),
    dueAt: '2026-12-04T04:00:00.000Z',
  },
  {
    name: 'when asked to move it to a window, then it takes the first open slot in it and says so',
    ask: () => 'can you move it to thursday arvo',
    expected: (ref) =>
      new RegExp(
        `first time we have free in that window is .*12:00.* Done, callback ${ref} is now on Thursday 3 December, 12:00–12:30 pm`,
      ),
    dueAt: '2026-12-03T01:00:00.000Z',
  },
  {
    name: 'when asked to move it to a day alone, then it keeps its time of day',
    ask: (ref) => `please reschedule ${ref} to friday`,
    expected: (ref) => new RegExp(`Done, callback ${ref} is now on Friday 4 December, 2:00–2:30 pm`),
    dueAt: '2026-12-04T03:00:00.000Z',
  },
  {
    name: 'when asked to move it to a time alone, then it keeps its day',
    ask: () => 'move my callback to 11am',
    expected: (ref) => new RegExp(`Done, callback ${ref} is now on Wednesday 2 December, 11:00–11:30 am`),
    dueAt: '2026-12-02T00:00:00.000Z',
  },
];

describe('issue 11 conversations over HTTP', () => {
  let open: TestBot;
  let closed: TestBot;
  beforeAll(async () => {
    open = await startTestBot({ overrides: { now: () => new Date(OPEN) } });
    closed = await startTestBot({ overrides: { now: () => new Date(CLOSED) } });
  });
  afterAll(async () => {
    await Promise.all([open.stop(), closed.stop()]);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const bot = row.closed ? closed : open;
    const convo = bot.conversation();
    await talk(convo, row.turns);
    await row.after?.(bot, convo);
  });

  /** Lucy's callback on Wednesday at 2 pm, booked and confirmed: the conversation and its reference. */
  async function bookLucy(): Promise<{ convo: TestConversation; ref: string }> {
    const convo = open.conversation();
    const [, , , done] = await talk(convo, [
      ['callback please, Lucy, 412 987 654, wednesday 2pm', ASK_TOPIC],
      ['a birthday cake', summary('Wednesday 2 December, 2:00–2:30 pm')],
      ['yes', CONSENT],
      ['yes', BOOKED],
    ]);
    return { convo, ref: /reference is ([A-Z0-9]{6})/.exec(done!)![1]! };
  }

  it.each(LOOKUPS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const { convo, ref } = await bookLucy();
    await talk(convo, [[row.ask(ref), row.expected(ref)]]);
  });

  it.each(MOVES.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const { convo, ref } = await bookLucy();
    await talk(convo, [[row.ask(ref), row.expected(ref)]]);
    expect((await open.app.stores.callbacks.findBy('ref', ref))[0]).toMatchObject({ dueAt: row.dueAt, status: 'open' });
  });

  it('when an unknown reference is given, then it says none was found', async () => {
    await talk(open.conversation(), [['my reference is U73YHM', saysOnly(copy.recordNotFound('U73YHM'))]]);
  });

  it('when an order request was placed, then "do I have an order?" reads it back', async () => {
    const convo = open.conversation();
    await talk(convo, [
      ['I want to order cupcakes for the 18th, pickup', ASK_NAME],
      ['Sam', ASK_PHONE],
      ['0412 345 678', says(copy.orderSummary(ANY, ANY, copy.fulfilment('pickup'), 'Sam', '0412 345 678'))],
      ['yes', CONSENT],
      ['yes', /Your order request is in, reference [A-Z0-9]{6}/],
    ]);
    const [order] = await open.app.stores.orders.findBy('conversationId', convo.id);
    expect(order).toMatchObject({ neededOn: '2026-12-18', items: [{ product: 'Cupcakes', quantity: 1 }] });
    // The record read back is that order, its date in words.
    const items = copy.orderItems([{ quantity: 1, product: 'Cupcakes' }]);
    const record = copy.orderRecord(open.app.business, order!.ref, items, '2026-12-18');
    expect(texts(await convo.say('do I have an order?')).join('\n')).toContain(record);
  });
});
