import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, type DialogHarness } from '../support/dialogHarness.js';

const ASK_NAME = /Who should we ask for when we call\?/;
const ASK_PHONE = /What's the best number to call you on\?/;
const ASK_TIME = /When would suit you for the call\?/;
const ASK_TOPIC = /What would you like to talk about/;
const READ_BACK = /So that's a callback for Dana on 0412 345 678, on (.+), about (.+)\. Shall I book it\?/;
const CONSENT = /keep your name and contact details at Crumb & Candle Bakery, used only to get back to you .* Is that OK\?/;
const BOOKED = /Done! We'll call you on .+\. Your reference is [A-Z0-9]{6}/;

describe('the callback dialog', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a one-shot request names everything, then it asks nothing and reads it back', async () => {
    await play(h, [
      [
        "call me tomorrow at 3pm on 0412 345 678 about the wedding cake, I'm Dana",
        /Dana on 0412 345 678, on Tuesday 24 November, 3:00–3:30 pm, about the wedding cake\. Shall I book it\?/,
      ],
      ['yes', CONSENT],
      ['yes', /Done! We'll call you on Tuesday 24 November, 3:00–3:30 pm\. Your reference is [A-Z0-9]{6}/],
    ]);
    const { items } = await h.stores.callbacks.query();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'Dana',
      phone: '+61412345678',
      topic: 'the wedding cake',
      status: 'open',
      asap: false,
    });
    expect(new Date(items[0]!.dueAt).toISOString()).toBe('2026-11-24T04:00:00.000Z');
  });

  it('when a one-shot request lacks the topic, then it asks only for the topic', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678, I'm Dana", [ASK_TOPIC]],
      ['the cupcakes for a party', /about the cupcakes for a party\. Shall I book it\?/],
    ]);
  });

  it('when the slots come one by one, then it asks one question at a time in order', async () => {
    await play(h, [
      ["I'd like a callback", [ASK_NAME]],
      ['Dana', [ASK_PHONE]],
      ['0412 345 678', [ASK_TIME]],
      ['tomorrow at 3pm', [ASK_TOPIC]],
      ['a birthday cake', [READ_BACK]],
      ['yes', [CONSENT]],
      ['yes', [BOOKED]],
    ]);
    expect((await h.stores.callbacks.query()).items[0]).toMatchObject({
      name: 'Dana',
      phone: '+61412345678',
      topic: 'a birthday cake',
    });
  });

  it('when the phone number is invalid, then it says so and takes a valid one next', async () => {
    await play(h, [
      ["I'd like a callback, I'm Dana", [ASK_PHONE]],
      ['0412 345', [/"0412 345" doesn't look like a complete phone number\. Could you type it again/]],
      ['0412 345 678', [ASK_TIME]],
    ]);
  });

  it('when the time is outside opening hours, then it offers the nearest valid times and "2" picks the second', async () => {
    const turns = await play(h, [
      ["call me back, I'm Dana, 0412 345 678, it's about cupcakes", [ASK_TIME]],
      ['Sunday at 11am', [/We're closed that day\. The nearest times I can offer are (.+), (.+) or (.+)\. Which suits you/]],
      ['2', [READ_BACK]],
    ]);
    const offer = turns[1]![0]!;
    const alternatives = /offer are (.+)\. Which/.exec(offer)![1]!.split(/, (?=[A-Z])| or /);
    expect(alternatives).toHaveLength(3);
    await play(h, [
      ['yes', CONSENT],
      ['yes', new RegExp(`We'll call you on ${escape(alternatives[1]!)}\\.`)],
    ]);
  });

  it.each([
    ['today at 9pm', /That's outside our opening hours\. The nearest times I can offer are Monday 23 November, 4:30–5:00 pm/],
    ['25 December at 10am', /We're closed that day for a holiday\. The nearest times I can offer are/],
    [
      'today at 10:15am',
      /That's a little too soon for us to arrange\. The nearest times I can offer are Monday 23 November, 11:00–11:30 am/,
    ],
    ['yesterday at 3pm', /That time has already passed\. The nearest times/],
  ])('when the time asked is "%s", then it explains and offers alternatives instead of an error', async (time, expected) => {
    await play(h, [
      ["call me back, I'm Dana, 0412 345 678, it's about cupcakes", [ASK_TIME]],
      [time, [expected]],
    ]);
    expect(await h.stores.callbacks.count()).toBe(0);
  });

  it('when the customer says "no" at the read-back, then it asks what to change and changes the time', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [READ_BACK]],
      ['no', [/What should I change: the name, the number, the time or the topic\?/]],
      ['the time', [ASK_TIME]],
      ['Wednesday at 10am', [/on Wednesday 25 November, 10:00–10:30 am, about cupcakes\. Shall I book it\?/]],
      ['yes', [CONSENT]],
      ['yes', [/We'll call you on Wednesday 25 November, 10:00–10:30 am/]],
    ]);
  });

  it('when consent is declined, then nothing is stored and it says how to reach the shop', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [READ_BACK]],
      ['yes', [CONSENT]],
      ['no', [/I won't keep your details\. You can call us during opening hours on \(02\) 9123 4567/]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.customers.count()).toBe(0);
    const leads = (await h.stores.leads.query()).items;
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.filter((l) => l.customerId !== undefined)).toEqual([]);
  });

  it('when consent is given, then the callback and the customer are stored with the consent text, time and channel', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [READ_BACK]],
      ['yes', [CONSENT]],
      ['yes', [BOOKED]],
    ]);
    const [customer] = await h.stores.customers.findBy('phones', '+61412345678');
    expect(customer).toMatchObject({
      name: 'Dana',
      phones: ['+61412345678'],
      channelAccounts: ['test|user1'],
      consent: { at: '2026-11-22T23:00:00.000Z', channelId: 'test' },
    });
    expect(customer!.consent!.text).toMatch(/keep your name and contact details .* Is that OK\?/);
    const [callback] = (await h.stores.callbacks.query()).items;
    expect(callback).toMatchObject({
      customerId: customer!.id,
      leadId: 'lead:Convo1',
      conversationId: 'Convo1',
      channelId: 'test',
    });
    expect(await h.stores.leads.get('lead:Convo1')).toMatchObject({ customerId: customer!.id, stage: 'ready' });
  });

  it('when the customer gave consent earlier in the conversation, then a second booking does not ask again', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [READ_BACK]],
      ['yes', [CONSENT]],
      ['yes', [BOOKED]],
      [
        'can you also call me on Wednesday at 10am about a wedding cake?',
        [/on Wednesday 25 November, 10:00–10:30 am, about a wedding cake\. Shall I book it\?/],
      ],
      ['yes', [BOOKED]],
    ]);
    expect(await h.stores.callbacks.count()).toBe(2);
  });

  it('when the customer asks for "as soon as possible", then it books the next open slot', async () => {
    await play(h, [
      [
        "call me asap on 0412 345 678 about cupcakes, I'm Dana",
        [/as soon as we can, from Monday 23 November, 11:00–11:30 am, about cupcakes\. Shall I book it\?/],
      ],
    ]);
  });

  it('after a booking, "move it to Friday 10am" moves it and "cancel my callback <REF>" cancels it', async () => {
    const ref = await bookTuesday3pm(h);
    await play(h, [
      ['move it to Friday 10am', [new RegExp(`Done, callback ${ref} is now on Friday 27 November, 10:00–10:30 am`)]],
    ]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]).toMatchObject({ dueAt: '2026-11-26T23:00:00.000Z', status: 'open' });
    await play(h, [[`cancel my callback ${ref}`, [new RegExp(`Your callback ${ref} is cancelled`)]]]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]!.status).toBe('cancelled');
    await play(h, [[`cancel my callback ${ref}`, [new RegExp(`couldn't find an open callback with the reference ${ref}`)]]]);
  });

  it('when the reference does not exist, then it says so', async () => {
    await play(h, [['please cancel callback ZZ9ZZ9', [/couldn't find an open callback with the reference ZZ9ZZ9/]]]);
  });

  it('when moving to a closed time, then it offers alternatives and keeps the booking as it was', async () => {
    const ref = await bookTuesday3pm(h);
    await play(h, [['move it to Sunday 10am', [/I can't move it to that time\. The nearest times I can offer are/]]]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]!.dueAt).toBe('2026-11-24T04:00:00.000Z');
  });
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Books Dana's callback for Tuesday 3pm and returns its reference. */
async function bookTuesday3pm(h: DialogHarness): Promise<string> {
  const turns = await play(h, [
    ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [READ_BACK]],
    ['yes', [CONSENT]],
    ['yes', [BOOKED]],
  ]);
  return /reference is ([A-Z0-9]{6})/.exec(turns[2]![0]!)![1]!;
}
