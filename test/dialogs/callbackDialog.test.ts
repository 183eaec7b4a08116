import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import type { Business } from '../../src/domain/business.js';
import { ANY, createDialogHarness, play, says, windowAt, type DialogHarness } from '../support/dialogHarness.js';

// Replies are the copy functions' words for what the dialog decided; the stores hold the facts.
const ASK_NAME = says(copy.askName());
const ASK_PHONE = says(copy.askPhone());
const ASK_TIME = says(copy.askTime());
const ASK_TOPIC = says(copy.askTopic());
/** Dana's read-back at `when` (a Sydney wall-clock time) about `topic`, or at any time and topic. */
const readBack = (business: Business, when?: string, topic = ANY, asap = false): RegExp =>
  says(
    copy.callbackSummary(
      'Dana',
      '0412 345 678',
      when ? dates.callbackWhen(business, windowAt(business, when, asap)) : ANY,
      topic,
    ),
  );
const consent = (business: Business): RegExp => says(copy.consent(business));
const booked = (business: Business, when?: string): RegExp =>
  says(copy.callbackBooked(ANY, when ? dates.callbackWhen(business, windowAt(business, when)) : ANY));
/** Why a time cannot be booked, and the alternatives offered: Sydney wall-clock starts (the first only, or all three). */
const alternatives = (business: Business, reason: string, starts: string[] = []): RegExp => {
  const slot = (local: string) => {
    const w = windowAt(business, local);
    return dates.slot(business, { start: new Date(w.start), end: new Date(w.end) });
  };
  const named = starts.map(slot);
  return says(copy.timeAlternatives(copy.slotRejected(reason), [...named, ...Array(3 - named.length).fill(ANY)]));
};

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
        readBack(h.business, '2026-11-24T15:00', 'the wedding cake'),
      ],
      ['yes', consent(h.business)],
      ['yes', booked(h.business, '2026-11-24T15:00')],
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
      ['the cupcakes for a party', readBack(h.business, '2026-11-24T15:00', 'the cupcakes for a party')],
    ]);
  });

  it('when the topic prompt gets a bare "yes please", then the topic is asked again; "no" is a call about nothing in particular', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678, I'm Dana", [ASK_TOPIC]],
      ['yes please', [says(copy.needed('topic', h.business))]],
      ['no', [readBack(h.business, '2026-11-24T15:00', copy.generalTopic())]],
    ]);
  });

  it('when the slots come one by one, then it asks one question at a time in order', async () => {
    await play(h, [
      ["I'd like a callback", [ASK_NAME]],
      ['Dana', [ASK_PHONE]],
      ['0412 345 678', [ASK_TIME]],
      ['tomorrow at 3pm', [ASK_TOPIC]],
      ['a birthday cake', [readBack(h.business)]],
      ['yes', [consent(h.business)]],
      ['yes', [booked(h.business)]],
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
      ['0412 345', [says(copy.invalidPhone('0412 345'))]],
      ['0412 345 678', [ASK_TIME]],
    ]);
  });

  it('when the time is outside opening hours, then it offers the nearest valid times and "2" picks the second', async () => {
    await play(h, [
      ["call me back, I'm Dana, 0412 345 678, it's about cupcakes", [ASK_TIME]],
      ['Sunday at 11am', [alternatives(h.business, 'closed_day', ['2026-11-30T09:00', '2026-12-01T09:00', '2026-12-02T09:00'])]],
      ['2', [readBack(h.business, '2026-12-01T09:00', 'cupcakes')]],
      ['yes', consent(h.business)],
      ['yes', booked(h.business, '2026-12-01T09:00')],
    ]);
    const [callback] = (await h.stores.callbacks.query()).items;
    expect(callback!.dueAt).toBe(new Date(windowAt(h.business, '2026-12-01T09:00').start).toISOString());
  });

  it.each([
    ['today at 9pm', 'outside_hours', ['2026-11-23T16:30']],
    ['25 December at 10am', 'holiday', []],
    ['today at 10:15am', 'too_soon', ['2026-11-23T11:00']],
    ['yesterday at 3pm', 'past', []],
  ])(
    'when the time asked is "%s", then it says why (%s) and offers alternatives instead of an error',
    async (time, reason, first) => {
      await play(h, [
        ["call me back, I'm Dana, 0412 345 678, it's about cupcakes", [ASK_TIME]],
        [time, [alternatives(h.business, reason, first)]],
      ]);
      expect(await h.stores.callbacks.count()).toBe(0);
    },
  );

  it('when the customer says "no" at the read-back, then it asks what to change and changes the time', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business)]],
      ['no', [says(copy.whatToChange())]],
      ['the time', [ASK_TIME]],
      ['Wednesday at 10am', [readBack(h.business, '2026-11-25T10:00', 'cupcakes')]],
      ['yes', [consent(h.business)]],
      ['yes', [booked(h.business, '2026-11-25T10:00')]],
    ]);
  });

  it('when consent is declined, then nothing is stored and it says how to reach the shop', async () => {
    await play(h, [
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business)]],
      ['yes', [consent(h.business)]],
      ['no', [says(copy.consentDeclined(h.business))]],
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
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business)]],
      ['yes', [consent(h.business)]],
      ['yes', [booked(h.business)]],
    ]);
    const [customer] = await h.stores.customers.findBy('phones', '+61412345678');
    expect(customer).toMatchObject({
      name: 'Dana',
      phones: ['+61412345678'],
      channelAccounts: ['test|user1'],
      consent: { at: '2026-11-22T23:00:00.000Z', channelId: 'test' },
    });
    expect(customer!.consent!.text).toBe(copy.consent(h.business));
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
      ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business)]],
      ['yes', [consent(h.business)]],
      ['yes', [booked(h.business)]],
      [
        'can you also call me on Wednesday at 10am about a wedding cake?',
        [readBack(h.business, '2026-11-25T10:00', 'a wedding cake')],
      ],
      ['yes', [booked(h.business)]],
    ]);
    expect(await h.stores.callbacks.count()).toBe(2);
  });

  it('when the customer asks for "as soon as possible", then it books the next open slot', async () => {
    await play(h, [
      ["call me asap on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business, '2026-11-23T11:00', 'cupcakes', true)]],
    ]);
  });

  it('after a booking, "move it to Friday 10am" moves it and "cancel my callback <REF>" cancels it', async () => {
    const ref = await bookTuesday3pm(h);
    await play(h, [
      [
        'move it to Friday 10am',
        [says(copy.callbackMoved(ref, dates.callbackWhen(h.business, windowAt(h.business, '2026-11-27T10:00'))))],
      ],
    ]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]).toMatchObject({ dueAt: '2026-11-26T23:00:00.000Z', status: 'open' });
    await play(h, [[`cancel my callback ${ref}`, [says(copy.callbackCancelled(ref))]]]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]!.status).toBe('cancelled');
    await play(h, [[`cancel my callback ${ref}`, [says(copy.callbackNotFound(ref))]]]);
  });

  it('after a move, "actually cancel it" cancels that booking, and "cancel it" again has nothing to cancel', async () => {
    const ref = await bookTuesday3pm(h);
    await play(h, [['can you move it to friday at 11', [says(copy.callbackMoved(ref, ANY))]]]);
    await play(h, [['actually cancel it', [says(copy.callbackCancelled(ref))]]]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]!.status).toBe('cancelled');
    await play(h, [['cancel it', [says(copy.nothingToCancel())]]]);
  });

  it('when a day was given and "10am" answers the name prompt, then the time is kept and the name asked again without a strike', async () => {
    await play(h, [
      ['could i get a call back next friday', [ASK_NAME]],
      ['10am', [ASK_NAME]],
      ['Lucy Tran', [ASK_PHONE]],
      ['0412 987 654', [ASK_TOPIC]],
      ['about an order', [says(copy.callbackSummary('Lucy Tran', '0412 987 654', ANY, 'an order'))]],
    ]);
    const turns = await play(h, [['yes', [consent(h.business)]]]);
    expect(turns).toHaveLength(1);
    await play(h, [['yes', [booked(h.business)]]]);
    const [callback] = (await h.stores.callbacks.query()).items;
    const local = new Date(callback!.dueAt).toLocaleString('en-AU', {
      timeZone: h.business.timeZone,
      weekday: 'long',
      hour: 'numeric',
    });
    expect(local).toMatch(/^Friday.*10\s?am$/i);
  });

  it('when the reference does not exist, then it says so', async () => {
    await play(h, [['please cancel callback ZZ9ZZ9', [says(copy.callbackNotFound('ZZ9ZZ9'))]]]);
  });

  it('when moving to a closed time, then it offers alternatives and keeps the booking as it was', async () => {
    const ref = await bookTuesday3pm(h);
    await play(h, [['move it to Sunday 10am', [says(copy.timeAlternatives(copy.cannotMoveThere(), [ANY, ANY, ANY]))]]]);
    expect((await h.stores.callbacks.findBy('ref', ref))[0]!.dueAt).toBe('2026-11-24T04:00:00.000Z');
  });
});

/** Books Dana's callback for Tuesday 3pm and returns its reference. */
async function bookTuesday3pm(h: DialogHarness): Promise<string> {
  const turns = await play(h, [
    ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", [readBack(h.business)]],
    ['yes', [consent(h.business)]],
    ['yes', [booked(h.business, '2026-11-24T15:00')]],
  ]);
  const [callback] = (await h.stores.callbacks.query()).items;
  expect(turns[2]![0]).toBe(
    copy.callbackBooked(callback!.ref, dates.callbackWhen(h.business, windowAt(h.business, '2026-11-24T15:00'))),
  );
  return callback!.ref;
}
