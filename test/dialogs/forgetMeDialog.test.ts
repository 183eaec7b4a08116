import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, type DialogHarness, type Turn } from '../support/dialogHarness.js';

const CONFIRM = /Do you want me to erase everything Crumb & Candle Bakery holds about you .* This can't be undone\./;

/** Books a callback and places an order request in the harness's conversation. */
const BOOK_AND_ORDER: Turn[] = [
  ["call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana", /Shall I book it\?/],
  ['yes', /Is that OK\?/],
  ['yes', /Your reference is/],
  ["I'd like to order the large chocolate cake for Saturday, pickup please", /Shall I send the request\?/],
  ['yes', /Your order request is in/],
];

describe('the forget-me dialog', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when the customer confirms, then the customer, leads, callbacks, orders and transcripts are erased', async () => {
    await play(h, BOOK_AND_ORDER);
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(1);
    expect(await h.stores.callbacks.count()).toBe(2); // the booking and the order's confirming call
    expect(await h.stores.orders.count()).toBe(1);
    expect((await h.stores.transcripts.read('Convo1')).length).toBeGreaterThan(0);

    await play(h, [
      ['please forget me', [CONFIRM]],
      ['yes', [/^Done\. I've erased your details and this conversation's records\.$/]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(0);
    expect(await h.stores.leads.count()).toBe(0);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.orders.count()).toBe(0);
    expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
    expect(await h.stores.conversations.get('Convo1')).toBeUndefined();
    expect((await h.session())?.contact ?? {}).toEqual({});
  });

  it('when the customer says no, then everything is kept', async () => {
    await play(h, BOOK_AND_ORDER);
    await play(h, [
      ['delete my data', [CONFIRM]],
      ['no', [/^OK, I haven't erased anything\.$/]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(1);
    expect(await h.stores.callbacks.count()).toBe(2);
    expect(await h.stores.orders.count()).toBe(1);
    expect((await h.stores.transcripts.read('Convo1')).length).toBeGreaterThan(0);
  });

  it('when a returning customer asks in a new conversation, then their earlier conversations are erased too', async () => {
    await play(h, BOOK_AND_ORDER);
    await h.conversationLog.flush();
    const later = await createDialogHarness({ stores: h.stores, conversationId: 'Convo2' });
    try {
      await play(later, [
        ['hi', [/^Welcome back, Dana!/]],
        ['forget me', [CONFIRM]],
        ['yes', [/erased your details/]],
      ]);
      await later.conversationLog.flush();
      expect(await h.stores.customers.count()).toBe(0);
      expect(await h.stores.callbacks.count()).toBe(0);
      expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
      expect(await h.stores.transcripts.read('Convo2')).toEqual([]);
    } finally {
      await later.close();
    }
  });

  it('when a visitor with no record confirms, then it erases this conversation and says so', async () => {
    await play(h, [
      ['how much is the small cake?', /\$55/],
      ['forget me', [CONFIRM]],
      ['yes please', [/erased your details/]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
  });

  it('when the answer is unclear three times, then nothing is erased and a person is offered', async () => {
    await play(h, BOOK_AND_ORDER);
    await play(h, [
      ['forget me', [CONFIRM]],
      ['banana', [/Sorry, I didn't catch that\. Do you want me to erase everything/]],
      ['banana', [/Sorry, I didn't catch that\./]],
      ['banana', [/I haven't erased anything\. .*Would you like a person from our team to help you instead\?/]],
    ]);
    expect(await h.stores.customers.count()).toBe(1);
  });
});
